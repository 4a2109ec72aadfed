import { CarveError } from './errors.js';
import type { ByteRun } from './types.js';

/** The ranges to scan, clipped to the source, sorted and merged; the whole source when none are given. */
export function normalizeRanges(ranges: readonly ByteRun[] | undefined, size: number): ByteRun[] {
  if (ranges === undefined) return size > 0 ? [{ offset: 0, length: size }] : [];
  const clipped: ByteRun[] = [];
  for (const { offset, length } of ranges) {
    if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(length) || offset < 0 || length < 0) {
      throw new CarveError(`invalid scan range ${offset}+${length}`);
    }
    const end = Math.min(offset + length, size);
    if (end > offset) clipped.push({ offset, length: end - offset });
  }
  clipped.sort((a, b) => a.offset - b.offset);
  const merged: ByteRun[] = [];
  for (const range of clipped) {
    const last = merged.at(-1);
    if (last && range.offset <= last.offset + last.length) {
      last.length = Math.max(last.length, range.offset + range.length - last.offset);
    } else {
      merged.push({ ...range });
    }
  }
  return merged;
}
