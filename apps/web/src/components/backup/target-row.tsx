import type { BackupTargetConfig } from '@afterimage/contracts';
import { useState } from 'react';
import { plural } from '../../lib/format';

/** One backup target: where, what it counts as, how many photos it holds; remove with a second press. */
export function TargetRow({ target, accountLabel, photos, locked, onRemove }: { target: BackupTargetConfig; accountLabel: string | undefined; photos: number; locked: boolean; onRemove: () => Promise<string | undefined> }) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();
  const remove = async () => {
    setBusy(true);
    const error = await onRemove();
    setBusy(false);
    setProblem(error);
    if (error) setConfirming(false);
  };
  return (
    <li className="target-row" data-testid="target-row" data-target-id={target.id} data-kind={target.kind}>
      <span className={`kind-icon kind-${target.kind}`} aria-hidden />
      <div className="target-text">
        <p className="target-title">
          {target.title}
          {accountLabel && (
            <span className="target-account" data-testid="target-account-title">
              {' '}
              · {accountLabel}
            </span>
          )}
        </p>
        <p className="target-root" title={target.root}>
          {target.root}
        </p>
        <p className="badges">
          <span className={`badge medium-${target.medium}`}>{target.medium === 'cloud' ? 'Cloud' : 'Disk'}</span>
          <span className={`badge ${target.offsite ? 'badge-offsite' : 'badge-onsite'}`}>{target.offsite ? 'Offsite' : 'Kept here'}</span>
          <span className="target-count">holds {plural(photos, 'photo')}</span>
        </p>
        {problem && (
          <p className="field-error" role="alert">
            {problem}
          </p>
        )}
      </div>
      <div className="target-actions">
        {confirming ? (
          <>
            <span className="target-confirm">Its files stay where they are; only Afterimage forgets them.</span>
            <button type="button" className="btn btn-danger" disabled={busy} onClick={remove} data-testid="target-remove-confirm">
              {busy ? 'Removing…' : 'Remove'}
            </button>
            <button type="button" className="btn btn-quiet" onClick={() => setConfirming(false)}>
              Keep
            </button>
          </>
        ) : (
          <button type="button" className="btn btn-quiet" disabled={locked} onClick={() => setConfirming(true)} aria-label={`Remove ${target.title} ${target.root}`} data-testid="target-remove">
            Remove
          </button>
        )}
      </div>
    </li>
  );
}
