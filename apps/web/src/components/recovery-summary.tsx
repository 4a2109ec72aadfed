import type { RecoveryReport } from '@afterimage/contracts';
import { formatBytes, plural } from '../lib/format';

/** What was written, verified, and where; what failed and why. */
export function RecoverySummary({ report }: { report: RecoveryReport }) {
  const ok = report.files.length;
  const failed = report.failed.length;
  const bytes = report.files.reduce((sum, f) => sum + f.size, 0);
  return (
    <div className={`summary${failed > 0 ? ' has-failures' : ''}`} data-testid="recovery-summary" data-recovered={ok} data-failed={failed}>
      <div className="summary-head">
        <span className={`summary-icon${ok === 0 ? ' is-bad' : ''}`} aria-hidden />
        <div>
          <p className="summary-title" data-testid="recovery-title">
            {ok > 0 ? `${plural(ok, 'photo')} recovered and verified` : 'No photos were recovered'}
          </p>
          <p className="summary-text" data-testid="recovery-verified">
            {ok > 0 ? `Every copy was read back from disk and its SHA-256 matched the original (${formatBytes(bytes)} in all).` : 'Nothing was written that could be verified.'}
          </p>
        </div>
      </div>
      <dl className="summary-facts">
        <dt>Saved in</dt>
        <dd data-testid="recovery-destination">{report.destination}</dd>
        <dt>Report</dt>
        <dd>{report.destination.replace(/\/+$/, '')}/report.json lists every file with its hash and where it came from.</dd>
      </dl>
      {ok > 0 && (
        <ul className="summary-files" data-testid="recovered-files">
          {report.files.map((f) => (
            <li key={f.findingId}>
              <span className="file-name">{f.path}</span>
              <span className="file-hash" title={f.sha256}>
                sha256 {f.sha256.slice(0, 12)}… ✓
              </span>
            </li>
          ))}
        </ul>
      )}
      {failed > 0 && (
        <div className="summary-failures" data-testid="recovery-failures">
          <p className="notice-title">{plural(failed, 'photo')} could not be recovered:</p>
          <ul>
            {report.failed.map((f) => (
              <li key={f.findingId}>
                <strong>{f.name}</strong>: {f.reason}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
