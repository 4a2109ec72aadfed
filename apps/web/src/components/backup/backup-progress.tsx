import type { BackupFile, BackupProgress } from '@afterimage/contracts';
import { formatBytes, plural } from '../../lib/format';

const OUTCOME: Record<BackupFile['outcome'], string> = { uploaded: 'Copied and verified', 'already-there': 'Already there', failed: 'Failed' };

/** The live bar while the job runs, and the newest files it handled (newest first). */
export function BackupProgressView({ progress, recent, targetName, running }: { progress: BackupProgress | undefined; recent: BackupFile[]; targetName: (id: string) => string; running: boolean }) {
  const p = progress ?? { filesTotal: 0, uploaded: 0, alreadyThere: 0, failed: 0, bytesTotal: 0, bytesDone: 0 };
  const handled = p.uploaded + p.alreadyThere + p.failed;
  const pct = p.bytesTotal > 0 ? Math.min(100, Math.round((p.bytesDone / p.bytesTotal) * 100)) : running ? 0 : 100;
  return (
    <div className="progress" data-testid="backup-progress" data-running={running}>
      <div className="progress-top">
        <p className="progress-status" aria-live="polite" data-testid="backup-progress-status">
          {running ? (p.filesTotal === 0 ? 'Working out what each photo lacks…' : `Copying… ${handled} of ${plural(p.filesTotal, 'copy', 'copies')} done`) : `${handled} of ${plural(p.filesTotal, 'copy', 'copies')} handled`}
        </p>
        <p className="progress-pct">{pct}%</p>
      </div>
      <div className="bar" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} aria-label="Backup progress">
        <div className={`bar-fill${running ? '' : ' is-done'}`} style={{ width: `${pct}%` }} />
      </div>
      <p className="progress-meta" data-testid="backup-counts">
        {formatBytes(p.bytesDone)} of {formatBytes(p.bytesTotal)} · {p.uploaded} copied · {p.alreadyThere} already there · {p.failed} failed
      </p>
      {recent.length > 0 && (
        <ol className="file-log" aria-label="Files handled, newest first" data-testid="backup-file-log">
          {recent.map((f) => (
            <li key={`${f.sha256}:${f.targetId}`} className={`file-log-row is-${f.outcome}`} data-outcome={f.outcome}>
              <span className="file-log-mark" aria-hidden />
              <span className="file-log-name">{f.name}</span>
              <span className="file-log-where">
                {OUTCOME[f.outcome]} · {targetName(f.targetId)} · {f.path} · {formatBytes(f.size)}
              </span>
              {f.reason && <span className="file-log-reason">{f.reason}</span>}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
