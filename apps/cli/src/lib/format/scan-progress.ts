import type { ScanProgress } from '@afterimage/contracts';
import { formatBar, formatBytes, formatDuration, formatRate } from './units.js';

/** `12 jpeg, 3 cr2`, or a phrase when nothing is found yet. */
export function findingsByType(byFormat: Record<string, number>): string {
  const found = Object.entries(byFormat)
    .sort(([, a], [, b]) => b - a)
    .map(([format, count]) => `${count} ${format}`)
    .join(', ');
  return found || 'nothing found yet';
}

/** A bar, the rate, the time left, what was found so far, then bytes done of all (cut first on a narrow terminal). */
export function scanProgressLine(progress: ScanProgress, width = 20): string {
  const fraction = progress.bytesTotal > 0 ? Math.min(progress.bytesDone / progress.bytesTotal, 1) : 0;
  const left = progress.rateBytesPerSecond > 0 ? (progress.bytesTotal - progress.bytesDone) / progress.rateBytesPerSecond : Number.NaN;
  return [
    formatBar(fraction, width),
    formatRate(progress.rateBytesPerSecond),
    `ETA ${fraction >= 1 ? '0:00' : formatDuration(left)}`,
    findingsByType(progress.findingsByFormat),
    `(${formatBytes(progress.bytesDone)} of ${formatBytes(progress.bytesTotal)})`,
  ].join('  ');
}
