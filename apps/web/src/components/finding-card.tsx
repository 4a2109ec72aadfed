import type { Finding } from '@afterimage/contracts';
import { formatBytes, formatCamera, formatTakenAt } from '../lib/format';
import type { Thumb } from '../lib/use-thumbnails';

const VALIDATION: Record<Finding['validation']['state'], string> = { complete: 'Complete', truncated: 'Partial', corrupt: 'Damaged' };
const ORIGIN: Record<Finding['origin'], string> = { deleted: 'Deleted', live: 'Still on card', lost: 'Lost (no name)' };

export function FindingCard({ finding, thumb, selected, onToggle }: { finding: Finding; thumb: Thumb | undefined; selected: boolean; onToggle: () => void }) {
  const taken = formatTakenAt(finding.metadata.takenAt);
  const camera = formatCamera(finding.metadata.make, finding.metadata.model);
  const reasons = finding.validation.reasons.join('; ');
  return (
    <li className={`finding${selected ? ' is-selected' : ''}`} data-testid="finding-card" data-finding-id={finding.id} data-origin={finding.origin} data-validation={finding.validation.state}>
      <label className="finding-pick">
        <div className="thumb" data-testid="finding-thumb" data-state={thumb?.status ?? 'loading'}>
          {thumb?.status === 'ready' ? (
            <img src={thumb.src} alt={`Preview of ${finding.name}`} />
          ) : thumb?.status === 'none' ? (
            <span className="thumb-none">No preview</span>
          ) : (
            <span className="thumb-loading" aria-label="Loading preview" />
          )}
          <input type="checkbox" className="finding-check" checked={selected} onChange={onToggle} aria-label={`Recover ${finding.name}`} data-testid="finding-checkbox" />
        </div>
        <div className="finding-body">
          <p className="finding-name" title={finding.originalPath ?? finding.name} data-testid="finding-name">
            {finding.name}
          </p>
          <p className="finding-meta" data-testid="finding-taken">
            {taken ?? 'Date unknown'} · {formatBytes(finding.size)}
          </p>
          <p className="finding-meta" data-testid="finding-camera">
            {camera ?? 'Camera unknown'}
          </p>
          <p className="badges">
            <span className={`badge badge-${finding.validation.state}`} title={reasons || undefined} data-testid="finding-validation">
              {VALIDATION[finding.validation.state]}
            </span>
            <span className={`badge badge-origin-${finding.origin}`} data-testid="finding-origin">
              {ORIGIN[finding.origin]}
            </span>
          </p>
        </div>
      </label>
    </li>
  );
}
