import type { ScanView } from '../lib/use-scan';
import { formatBytes, plural } from '../lib/format';

function seconds(scan: ScanView['scan']): string | undefined {
  if (!scan?.finishedAt) return undefined;
  const s = (Date.parse(scan.finishedAt) - Date.parse(scan.startedAt)) / 1000;
  return s < 1 ? 'under a second' : `${s.toFixed(s < 10 ? 1 : 0)} s`;
}

/** The live bar: bytes read, speed, what was found so far. */
export function ScanProgress({ view }: { view: ScanView }) {
  const p = view.progress;
  const total = p?.bytesTotal ?? 0;
  const done = p?.bytesDone ?? 0;
  const pct = total > 0 ? Math.min(100, Math.round((done / total) * 100)) : 0;
  const found = view.findings.length;
  const finished = view.phase === 'done';
  const status = finished
    ? `Scan finished in ${seconds(view.scan) ?? 'a moment'}: ${plural(found, 'photo')} found.`
    : view.phase === 'starting'
      ? 'Starting the scan…'
      : `Scanning… ${plural(found, 'photo')} found so far.`;
  return (
    <div className="progress" data-testid="scan-progress" data-phase={view.phase}>
      <div className="progress-top">
        <p className="progress-status" data-testid="scan-status">
          {status}
        </p>
        <p className="progress-pct">{pct}%</p>
      </div>
      <div className="bar" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} aria-label="Scan progress">
        <div className={`bar-fill${finished ? ' is-done' : ''}`} style={{ width: `${pct}%` }} />
      </div>
      <p className="progress-meta">
        {formatBytes(done)} of {formatBytes(total)} read
        {p && p.rateBytesPerSecond > 0 ? ` · ${formatBytes(p.rateBytesPerSecond)}/s` : ''}
        {p && Object.keys(p.findingsByFormat).length > 0
          ? ` · ${Object.entries(p.findingsByFormat)
              .map(([format, n]) => `${n} ${format.toUpperCase()}`)
              .join(', ')}`
          : ''}
      </p>
    </div>
  );
}
