import type { ByteRun } from '../types.js';

/** `from` less every byte of `holes`, sorted; neither list needs to be sorted or coalesced. */
export function subtractRanges(from: readonly ByteRun[], holes: readonly ByteRun[]): ByteRun[] {
  const cuts = [...holes].filter((h) => h.length > 0).sort((a, b) => a.offset - b.offset);
  const out: ByteRun[] = [];
  for (const range of [...from].sort((a, b) => a.offset - b.offset)) {
    let at = range.offset;
    const end = range.offset + range.length;
    for (const cut of cuts) {
      if (cut.offset + cut.length <= at) continue;
      if (cut.offset >= end) break;
      if (cut.offset > at) out.push({ offset: at, length: cut.offset - at });
      at = Math.max(at, cut.offset + cut.length);
    }
    if (at < end) out.push({ offset: at, length: end - at });
  }
  return out;
}

/** The total length of some runs. */
export const totalLength = (runs: readonly ByteRun[]) => runs.reduce((sum, r) => sum + r.length, 0);

/** A lookup of whether an offset lies inside any of the runs (binary search over them, sorted once). */
export function runIndex(runs: readonly ByteRun[]): (offset: number) => boolean {
  const sorted = [...runs].sort((a, b) => a.offset - b.offset);
  return (offset) => {
    let lo = 0;
    let hi = sorted.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const run = sorted[mid] as ByteRun;
      if (offset < run.offset) hi = mid - 1;
      else if (offset >= run.offset + run.length) lo = mid + 1;
      else return true;
    }
    return false;
  };
}
