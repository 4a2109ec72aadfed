import type { BackupRunView } from '../../lib/use-backup-run';
import { Notice } from '../notice';
import { BackupProgressView } from './backup-progress';
import { BackupSummary } from './backup-summary';

/** The one action, its live progress and its summary. */
export function BackupRunPanel({ view, blocked, onCancel, targetName }: { view: BackupRunView; blocked: string | undefined; onCancel: () => void; targetName: (id: string) => string }) {
  const running = view.phase === 'running' || view.phase === 'starting';
  return (
    <div className="run-panel" data-testid="backup-run" data-phase={view.phase}>
      {view.phase === 'idle' && <Notice tone="empty">{blocked ? <p data-testid="backup-blocked">{blocked}</p> : <p>Ready. Copies only what each photo lacks, and checks every copy’s hash before it counts.</p>}</Notice>}
      {(running || (view.phase === 'done' && !view.earlier) || (view.phase === 'error' && view.job)) && (
        <BackupProgressView progress={view.progress} recent={view.recent} targetName={targetName} running={running} />
      )}
      {view.phase === 'running' && (
        <div>
          <button type="button" className="btn btn-secondary" onClick={onCancel} data-testid="backup-cancel">
            Stop the backup
          </button>
        </div>
      )}
      {view.phase === 'done' && view.job && <BackupSummary job={view.job} earlier={view.earlier ?? false} targetName={targetName} />}
      {view.phase === 'error' && (
        <Notice tone="error" title={view.job ? 'Lost touch with the running backup.' : 'The backup did not start.'} testId="backup-error">
          <p>{view.error}</p>
        </Notice>
      )}
    </div>
  );
}
