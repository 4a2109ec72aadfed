import type { BackupJobState } from '@afterimage/contracts';
import { formatMoment } from '../../lib/dates';
import { plural } from '../../lib/format';

function headline(job: BackupJobState): string {
  if (job.status === 'cancelled') return 'The backup was stopped';
  if (job.status === 'failed') return 'The backup stopped before the end';
  if (!job.after) return 'The backup is done';
  const { photos, meets321 } = job.after;
  return photos > 0 && meets321 === photos ? `Every photo meets 3-2-1 now (${plural(photos, 'photo')})` : `${meets321} of ${plural(photos, 'photo')} meet 3-2-1 now`;
}

/** What the job did, what failed and why, and what no target can fix. */
export function BackupSummary({ job, earlier, targetName }: { job: BackupJobState; earlier: boolean; targetName: (id: string) => string }) {
  const p = job.progress;
  const good = job.status === 'done' && job.failures.length === 0 && job.notes.length === 0;
  const when = formatMoment(job.finishedAt);
  return (
    <div className={`summary${good ? '' : ' has-failures'}`} data-testid="backup-summary" data-status={job.status} data-failed={job.failures.length}>
      <div className="summary-head">
        <span className={`summary-icon${job.status === 'done' ? '' : ' is-bad'}`} aria-hidden />
        <div>
          {earlier && <p className="summary-text">The last backup{when ? `, finished ${when}` : ''}:</p>}
          <p className="summary-title" data-testid="backup-summary-title">
            {headline(job)}
          </p>
          <p className="summary-text">
            {p.filesTotal === 0 && job.status === 'done'
              ? 'Nothing needed copying: the targets you have already hold every copy they can.'
              : `${plural(p.uploaded, 'copy', 'copies')} made and verified by the target’s own hash, ${p.alreadyThere} already there.`}
            {job.status === 'cancelled' ? ' What was copied counts; run it again to go on.' : ''}
          </p>
          {job.error && <p className="summary-text">{job.error}</p>}
        </div>
      </div>
      {job.failures.length > 0 && (
        <div className="summary-failures" data-testid="backup-failures">
          <p className="notice-title">{plural(job.failures.length, 'copy', 'copies')} failed:</p>
          <ul>
            {job.failures.map((f) => (
              <li key={`${f.sha256}:${f.targetId}`}>
                <strong>{f.name}</strong> on {targetName(f.targetId)}: {f.reason ?? 'no reason given'}
              </li>
            ))}
          </ul>
        </div>
      )}
      {job.notes.length > 0 && (
        <div className="keep-notes" data-testid="backup-notes">
          <p className="notice-title">What no target you have can fix:</p>
          <ul>
            {job.notes.map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
