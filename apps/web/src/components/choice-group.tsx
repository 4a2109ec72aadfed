'use client';
import { formatCount } from '../lib/format';

export interface Choice<T extends string> {
  value: T;
  label: string;
  hint?: string;
  count?: number;
}

/** A row of toggle chips for a multiple choice filter; none chosen means "any". */
export function ChoiceGroup<T extends string>({ legend, name, choices, chosen, onToggle }: { legend: string; name: string; choices: Choice<T>[]; chosen: readonly T[]; onToggle: (value: T) => void }) {
  return (
    <fieldset className="choice-group" data-testid={`filter-${name}`}>
      <legend>{legend}</legend>
      <div className="chips">
        {choices.map((c) => (
          <label key={c.value} className={`chip-toggle${chosen.includes(c.value) ? ' is-on' : ''}`} title={c.hint} data-count={c.count}>
            <input type="checkbox" checked={chosen.includes(c.value)} onChange={() => onToggle(c.value)} data-testid={`filter-${name}-${c.value}`} />
            <span>{c.label}</span>
            {c.count !== undefined && <span className="chip-count">{formatCount(c.count)}</span>}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
