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

const sectors = (n: number) => `${n} bad sector${n === 1 ? '' : 's'}`;

/**
 * What the scan could not read, for its summary: `7 bad sectors, per the imaging map (3 KB could not
 * be read)`; undefined when every sector was read.
 */
export function readHealthNote(progress: ScanProgress): string | undefined {
  const bad = progress.badSectors ?? 0;
  const unreadable = progress.unreadableBytes ?? 0;
  const fromMap = progress.badSectorsFromMap ?? 0;
  if (bad === 0 && unreadable === 0) return undefined;
  const where = fromMap === 0 ? '' : fromMap === bad ? ', per the imaging map' : `, ${fromMap} of them per the imaging map`;
  return `${sectors(bad)}${where} (${formatBytes(unreadable)} could not be read)`;
}

/** A bar, the rate, the time left, what was found so far, bad sectors if any, then bytes done of all (cut first on a narrow terminal). */
export function scanProgressLine(progress: ScanProgress, width = 20): string {
  const fraction = progress.bytesTotal > 0 ? Math.min(progress.bytesDone / progress.bytesTotal, 1) : 0;
  const left = progress.rateBytesPerSecond > 0 ? (progress.bytesTotal - progress.bytesDone) / progress.rateBytesPerSecond : Number.NaN;
  return [
    formatBar(fraction, width),
    formatRate(progress.rateBytesPerSecond),
    `ETA ${fraction >= 1 ? '0:00' : formatDuration(left)}`,
    findingsByType(progress.findingsByFormat),
    ...(progress.badSectors ? [sectors(progress.badSectors)] : []),
    `(${formatBytes(progress.bytesDone)} of ${formatBytes(progress.bytesTotal)})`,
  ].join('  ');
}
