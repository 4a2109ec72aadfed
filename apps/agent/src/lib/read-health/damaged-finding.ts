import type { Finding } from '@afterimage/contracts';
import type { Area, AreaSet } from './area-set.js';
import type { ImageMap } from './image-map.js';

const UNITS = ['KB', 'MB', 'GB', 'TB'];

/** "512 bytes", "4.1 KB", "1.2 MB": decimal units, as the dashboard shows sizes. */
export function plainBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} byte${bytes === 1 ? '' : 's'}`;
  return scaled(bytes);
}

function scaled(bytes: number): string {
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value.toFixed(value >= 100 ? 0 : 1)} ${UNITS[unit]}`;
}

/** A place in a file: "512", "4.1 KB". */
const position = (offset: number) => (offset < 1000 ? String(offset) : scaled(offset));

/** The stretches of the file's own bytes (counted from its first byte, through its runs) that lie in `areas`. */
export function fileRangesIn(finding: Pick<Finding, 'byteRuns'>, areas: AreaSet): Area[] {
  const out: Area[] = [];
  let at = 0;
  for (const run of finding.byteRuns) {
    for (const part of areas.within(run.offset, run.offset + run.length)) {
      const start = at + part.start - run.offset;
      const end = at + part.end - run.offset;
      const last = out.at(-1);
      if (last && last.end === start) out[out.length - 1] = { start: last.start, end };
      else out.push({ start, end });
    }
    at += run.length;
  }
  return out;
}

function reason(ranges: readonly Area[], what: string): string {
  const shown = ranges.slice(0, 3).map((r) => `${position(r.start)}–${position(r.end)}`);
  const more = ranges.length > 3 ? ` and ${ranges.length - 3} more areas` : '';
  const total = ranges.reduce((sum, r) => sum + r.end - r.start, 0);
  return `bytes ${shown.join(', ')}${more} of this file (${plainBytes(total)}) ${what}; they are zeros in the image`;
}

/**
 * A finding of an imaged device whose bytes lie (in part) where the imaging map says the device
 * could not be read, or was never read: those bytes are zeros in the image, so the file is not
 * complete whatever its structure says. It gets a reason in plain words and low confidence; a
 * finding clear of every such area is returned as it is.
 */
export function markUnreadBytes(finding: Finding, map: ImageMap): Finding {
  if (finding.file) return finding;
  const bad = fileRangesIn(finding, map.bad);
  const notTried = fileRangesIn(finding, map.notTried);
  if (bad.length === 0 && notTried.length === 0) return finding;
  const reasons = [
    ...(bad.length > 0 ? [reason(bad, 'could not be read from the device when it was imaged')] : []),
    ...(notTried.length > 0 ? [reason(notTried, 'were never copied from the device (its imaging did not get to them)')] : []),
  ];
  const state = finding.validation.state === 'complete' ? 'corrupt' : finding.validation.state;
  return { ...finding, validation: { state, reasons: [...finding.validation.reasons, ...reasons] }, confidence: 'low' };
}
