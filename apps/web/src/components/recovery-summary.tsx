import type { RecoveryReport } from '@afterimage/contracts';
import { formatBytes, formatCount, plural } from '../lib/format';
import { livePairsKept, trashCounts } from '../lib/recovery-facts';
import { TRASH_PLACE } from '../lib/trash-labels';

const FILES_SHOWN = 50;

/** What was written, verified, and where (and how many came from a phone's or computer's trash); what failed and why. */
export function RecoverySummary({ report }: { report: RecoveryReport }) {
  const ok = report.files.length;
  const failed = report.failed.length;
  const bytes = report.files.reduce((sum, f) => sum + f.size, 0);
  const folder = report.destination.replace(/\/+$/, '');
  const trashed = trashCounts(report.files);
  const livePairs = livePairsKept(report.files);
  return (
    <div className={`summary${failed > 0 ? ' has-failures' : ''}`} data-testid="recovery-summary" data-recovered={ok} data-failed={failed}>
      <div className="summary-head">
        <span className={`summary-icon${ok === 0 ? ' is-bad' : ''}`} aria-hidden />
        <div>
          <p className="summary-title" data-testid="recovery-title">
            {ok > 0 ? `${plural(ok, 'photo')} recovered and verified`.replace(/^\d+/, formatCount(ok)) : 'No photos were recovered'}
          </p>
          <p className="summary-text" data-testid="recovery-verified">
            {ok > 0 ? `Every copy was read back from disk and its SHA-256 matched the original (${formatBytes(bytes)} in all).` : 'Nothing was written that could be verified.'}
          </p>
        </div>
      </div>
      {(trashed.length > 0 || livePairs > 0) && (
        <ul className="summary-kept" data-testid="recovery-kept">
          {trashed.map(([by, n]) => (
            <li key={by} data-testid="recovery-trash" data-trash={by} data-count={n}>
              <strong>{formatCount(n)}</strong> from {TRASH_PLACE[by]}
            </li>
          ))}
          {livePairs > 0 && (
            <li data-testid="recovery-live" data-count={livePairs}>
              <strong>{formatCount(livePairs)}</strong> {livePairs === 1 ? 'Live Photo' : 'Live Photos'} with {livePairs === 1 ? 'its' : 'their'} still and movie side by side, under the same name
            </li>
          )}
        </ul>
      )}
      <dl className="summary-facts">
        <dt>Saved in</dt>
        <dd data-testid="recovery-destination">{report.destination}</dd>
        <dt>Report</dt>
        <dd data-testid="recovery-report">
          {folder}/report.json and {folder}/report.csv list every file with its hash, where it was on the source and how it was found.
        </dd>
      </dl>
      {ok > 0 && (
        <ul className="summary-files" data-testid="recovered-files">
          {report.files.slice(0, FILES_SHOWN).map((f) => (
            <li key={f.findingId}>
              <span className="file-name" title={f.path}>
                {f.path}
              </span>
              <span className="file-hash" title={f.sha256}>
                sha256 {f.sha256.slice(0, 12)}… ✓
              </span>
            </li>
          ))}
        </ul>
      )}
      {ok > FILES_SHOWN && <p className="summary-text">…and {formatCount(ok - FILES_SHOWN)} more, listed in report.json.</p>}
      {failed > 0 && (
        <div className="summary-failures" data-testid="recovery-failures">
          <p className="notice-title">{plural(failed, 'photo')} could not be recovered:</p>
          <ul>
            {report.failed.slice(0, FILES_SHOWN).map((f) => (
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
