import type { ScanState } from '@afterimage/contracts';
import Link from 'next/link';
import { formatMoment } from '../lib/dates';
import { formatBytes, formatCount } from '../lib/format';
import { scanStats } from '../lib/scan-stats';

const STATUS: Record<ScanState['status'], string> = { running: 'Scanning', paused: 'Paused', done: 'Finished', failed: 'Stopped on an error', cancelled: 'Cancelled' };

const when = (iso: string): string => formatMoment(iso) ?? iso;

/** One scan in a list: its source, how far it got, what it found, and a link to it. */
export function ScanSummaryRow({ scan, sourceLabel }: { scan: ScanState; sourceLabel: string }) {
  const stats = scanStats(scan.progress, scan.status === 'done');
  const active = scan.status === 'running' || scan.status === 'paused';
  return (
    <li className={`scan-row status-${scan.status}`} data-testid="scan-row" data-scan-id={scan.id} data-status={scan.status}>
      <div className="scan-row-main">
        <p className="scan-row-title">
          <Link href={`/scans/${scan.id}`} className="scan-row-link">
            {sourceLabel}
          </Link>
        </p>
        <p className="scan-row-meta">
          <span className={`status-dot dot-${scan.status}`} aria-hidden /> {STATUS[scan.status]}
          {active ? ` · ${stats.percent}% of ${stats.files ? `${formatCount(stats.files.total)} files` : formatBytes(stats.bytesTotal)}` : ` · ${when(scan.startedAt)}`} · {formatCount(scan.findingCount)} found
          {(scan.progress.badSectors ?? 0) > 0 && ` · ${formatCount(scan.progress.badSectors ?? 0)} bad sector${scan.progress.badSectors === 1 ? '' : 's'}`}
        </p>
        {active && (
          <div className="bar bar-thin" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={stats.percent} aria-label={`Scan of ${sourceLabel}`}>
            <div className="bar-fill" style={{ width: `${stats.percent}%` }} />
          </div>
        )}
      </div>
      <Link href={`/scans/${scan.id}`} className="btn btn-secondary" aria-label={`${active ? 'Open the scan' : 'See the results'} of ${sourceLabel}`}>
        {active ? 'Open' : 'Results'}
      </Link>
    </li>
  );
}
