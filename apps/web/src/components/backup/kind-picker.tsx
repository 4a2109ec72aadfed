import type { KindInfo } from './target-kinds';

/** The kinds as radio cards: arrow keys move between them, as in any radio group. */
export function KindPicker({ kinds, value, onChange }: { kinds: KindInfo[]; value: string; onChange: (kind: string) => void }) {
  return (
    <fieldset className="kind-picker" data-testid="kind-picker">
      <legend className="field-label">Where should the copies go?</legend>
      <div className="kind-options">
        {kinds.map((k) => (
          <label key={k.kind} className={`kind-option${k.kind === value ? ' is-selected' : ''}`} data-kind={k.kind}>
            <input type="radio" name="target-kind" value={k.kind} checked={k.kind === value} onChange={() => onChange(k.kind)} data-testid={`kind-${k.kind}`} />
            <span className={`kind-icon kind-${k.kind}`} aria-hidden />
            <span className="kind-title">{k.title}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
