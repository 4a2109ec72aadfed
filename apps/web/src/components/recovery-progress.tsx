'use client';
import { formatBytes, formatCount, plural } from '../lib/format';
import type { FollowedRecovery } from '../lib/use-recovery-job';
import { Notice } from './notice';

function headline({ job, progress, cancelling }: FollowedRecovery): string {
  const done = progress?.filesDone ?? 0;
  const total = progress?.filesTotal ?? 0;
  switch (job.status) {
    case 'running':
      return cancelling ? 'Stopping after the file in hand…' : `Copying into ${job.destination} and checking each copy’s SHA-256…`;
    case 'done':
      return `Done: ${formatCount(done)} of ${formatCount(total)} ${total === 1 ? 'photo' : 'photos'} copied and checked`;
    case 'cancelled':
      return `Cancelled after ${formatCount(done)} of ${formatCount(total)}: the copies verified until then are kept`;
    case 'failed':
      return `Stopped after ${formatCount(done)} of ${formatCount(total)}`;
  }
}

/**
 * A recovery as it goes: files done of the total and bytes on a determinate bar, the file in hand,
 * each failure as it happens in the agent's words, and a Cancel button; the end stays shown above
 * the verified summary.
 */
export function RecoveryProgress({ run, onCancel }: { run: FollowedRecovery; onCancel: () => void }) {
  const { job, progress: p } = run;
  const running = job.status === 'running';
  const done = p?.filesDone ?? 0;
  const total = p?.filesTotal ?? 0;
  const fraction = p && p.bytesTotal > 0 ? p.bytesDone / p.bytesTotal : total > 0 ? done / total : running ? 0 : 1;
  const percent = Math.min(100, Math.floor(fraction * 100));
  const current = running ? (p?.current ?? (run.lastFile?.outcome === 'written' ? run.lastFile.name : undefined)) : undefined;
  const text = headline(run);
  return (
    <div className="progress recovery-progress" data-testid="recovery-progress" data-status={job.status} data-files-done={done} data-files-total={total} aria-live="polite">
      <div className="progress-top">
        <p className="progress-status" data-testid="recovery-status">
          {text}
        </p>
        <p className="progress-pct">{percent}%</p>
      </div>
      <div className="bar" role="progressbar" aria-label="Recovery progress" aria-valuemin={0} aria-valuemax={total} aria-valuenow={done} aria-valuetext={`${formatCount(done)} of ${formatCount(total)} files`}>
        <div className={`bar-fill${job.status === 'done' ? ' is-done' : running ? ' is-live' : ''}`} style={{ width: `${percent}%` }} />
      </div>
      <dl className="stats">
        <div>
          <dt>Files</dt>
          <dd data-testid="recovery-files">
            {formatCount(done)} of {formatCount(total)}
          </dd>
        </div>
        <div>
          <dt>Written</dt>
          <dd data-testid="recovery-bytes">
            {formatBytes(p?.bytesDone ?? 0)} of {formatBytes(p?.bytesTotal ?? 0)}
          </dd>
        </div>
        <div>
          <dt>Verified</dt>
          <dd data-testid="recovery-verified-count">{formatCount(p?.recovered ?? job.recovered ?? 0)}</dd>
        </div>
        <div>
          <dt>Failed</dt>
          <dd data-testid="recovery-failed-count">{formatCount(p?.failed ?? job.failed ?? 0)}</dd>
        </div>
      </dl>
      {current && (
        <p className="progress-meta" data-testid="recovery-current">
          Now: <span className="file-name">{current}</span>
        </p>
      )}
      {run.failures.length > 0 && (running || !run.report) && (
        <div className="summary-failures" data-testid="recovery-failed-files">
          <p className="notice-title">{plural(run.failures.length, 'photo')} could not be recovered so far:</p>
          <ul>
            {run.failures.map((f) => (
              <li key={f.findingId}>
                <strong>{f.name}</strong>: {f.reason}
              </li>
            ))}
          </ul>
        </div>
      )}
      {running && (
        <div className="recovery-actions">
          <button type="button" className="btn btn-secondary" onClick={onCancel} disabled={run.cancelling} data-testid="recovery-cancel">
            {run.cancelling ? 'Cancelling…' : 'Cancel the recovery'}
          </button>
          {run.reconnecting && <p className="field-help">The live progress dropped; reconnecting…</p>}
        </div>
      )}
      {run.problem && (
        <Notice tone="error" title="The agent refused." testId="recovery-problem">
          <p>{run.problem}</p>
        </Notice>
      )}
      {job.status === 'failed' && (
        <Notice tone="error" title="The recovery did not finish." testId="recovery-failed">
          <p>{job.error ?? 'The agent did not say why.'}</p>
        </Notice>
      )}
    </div>
  );
}
