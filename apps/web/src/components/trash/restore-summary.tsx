import { plural } from '../../lib/format';
import type { RestoreOutcome } from '../../lib/use-trash';

/** What was put back and where; what could not be, and why. */
export function RestoreSummary({ outcome, targetName }: { outcome: RestoreOutcome; targetName: (id: string) => string }) {
  const ok = outcome.restored.length;
  const failed = outcome.failed.length;
  return (
    <div className={`summary${failed > 0 ? ' has-failures' : ''}`} role="status" data-testid="restore-summary" data-restored={ok} data-failed={failed}>
      <div className="summary-head">
        <span className={`summary-icon${ok === 0 ? ' is-bad' : ''}`} aria-hidden />
        <div>
          <p className="summary-title" data-testid="restore-title">
            {ok > 0 ? `${plural(ok, 'item')} restored` : 'Nothing was restored'}
          </p>
          {ok > 0 && <p className="summary-text">Each is back where it was, on its target.</p>}
        </div>
      </div>
      {ok > 0 && (
        <ul className="restored-list" data-testid="restored-files">
          {outcome.restored.map((r) => (
            <li key={`${r.targetId}:${r.id}`}>
              <strong>{r.name}</strong>
              <span>
                {targetName(r.targetId)} · {r.path}
              </span>
            </li>
          ))}
        </ul>
      )}
      {failed > 0 && (
        <div className="summary-failures" data-testid="restore-failures">
          <p className="notice-title">{plural(failed, 'item')} could not be restored:</p>
          <ul>
            {outcome.failed.map((f) => (
              <li key={`${f.targetId}:${f.id}`}>
                <strong>{f.name}</strong>: {f.reason}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
