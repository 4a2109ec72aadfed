import type { Finding } from '@afterimage/contracts';
import { plural } from '../lib/format';
import type { Thumb } from '../lib/use-thumbnails';
import { FindingCard } from './finding-card';

export function FindingGrid({
  findings,
  thumbs,
  isSelected,
  onToggle,
  onAll,
  onNone,
}: {
  findings: Finding[];
  thumbs: Record<string, Thumb>;
  isSelected: (id: string) => boolean;
  onToggle: (id: string) => void;
  onAll: () => void;
  onNone: () => void;
}) {
  const chosen = findings.filter((f) => isSelected(f.id)).length;
  return (
    <>
      <div className="toolbar">
        <p data-testid="selection-count">
          {chosen} of {plural(findings.length, 'photo')} selected
        </p>
        <div className="toolbar-actions">
          <button type="button" className="btn btn-quiet" onClick={onAll} disabled={chosen === findings.length}>
            Select all
          </button>
          <button type="button" className="btn btn-quiet" onClick={onNone} disabled={chosen === 0}>
            Select none
          </button>
        </div>
      </div>
      <ul className="finding-grid" data-testid="finding-grid">
        {findings.map((f) => (
          <FindingCard key={f.id} finding={f} thumb={thumbs[f.id]} selected={isSelected(f.id)} onToggle={() => onToggle(f.id)} />
        ))}
      </ul>
    </>
  );
}
