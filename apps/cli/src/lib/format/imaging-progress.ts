import type { ImagingProgress } from '@afterimage/contracts';
import { formatBytes, formatDuration, formatRate } from './units.js';

const pct = (part: number, whole: number) => (whole > 0 ? `${((part / whole) * 100).toFixed(part === whole ? 0 : 1)}%` : '?%');

/** ddrescue's screen on one line: phase and pass, rescued, bad, rate, time, then what is left to try. */
export function imagingProgressLine(p: ImagingProgress): string {
  return [
    `${p.phase}${p.phase === 'finished' ? '' : ` ${p.pass}`}`,
    `rescued ${formatBytes(p.bytesRescued)} ${pct(p.bytesRescued, p.deviceSize)}`,
    `bad ${formatBytes(p.bytesBad)}/${p.errors} area${p.errors === 1 ? '' : 's'}`,
    formatRate(p.ratePerSecond),
    formatDuration(p.elapsedMs / 1000),
    `untried ${formatBytes(p.bytesNonTried + p.nonTrimmed + p.nonScraped)}`,
  ].join('  ');
}

/** The last lines of `afterimage image`: what was rescued and what was not. */
export function imagingSummary(p: ImagingProgress | undefined): string {
  if (!p) return 'No progress was reported.';
  const unread = p.bytesBad + p.nonTrimmed + p.nonScraped + p.bytesNonTried;
  const base = `${formatBytes(p.bytesRescued)} of ${formatBytes(p.deviceSize)} rescued (${pct(p.bytesRescued, p.deviceSize)}) in ${formatDuration(p.elapsedMs / 1000)}`;
  if (unread === 0) return `${base}; every sector was read.`;
  return `${base}; ${formatBytes(unread)} in ${p.errors} area${p.errors === 1 ? '' : 's'} could not be read (they are zeros in the image; the map lists them).`;
}
