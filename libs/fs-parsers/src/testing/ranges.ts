import type { ByteRun } from '../lib/filesystem.js';

const sorted = (runs: readonly ByteRun[]): ByteRun[] => [...runs].sort((a, b) => a.offset - b.offset);

/** The first pair of runs, one from each list, that share a byte; undefined when none do. */
export function firstOverlap(a: readonly ByteRun[], b: readonly ByteRun[]): [ByteRun, ByteRun] | undefined {
  const left = sorted(a);
  const right = sorted(b);
  for (let i = 0, j = 0; i < left.length && j < right.length; ) {
    const x = left[i] as ByteRun;
    const y = right[j] as ByteRun;
    if (x.offset < y.offset + y.length && y.offset < x.offset + x.length) return [x, y];
    if (x.offset + x.length <= y.offset + y.length) i++;
    else j++;
  }
  return undefined;
}

/** Every byte of `run` lies inside one of `ranges` (ranges coalesced, as freeRanges returns them). */
export function isInside(run: ByteRun, ranges: readonly ByteRun[]): boolean {
  return ranges.some((r) => run.offset >= r.offset && run.offset + run.length <= r.offset + r.length);
}

export const totalLength = (runs: readonly ByteRun[]): number => runs.reduce((sum, r) => sum + r.length, 0);
