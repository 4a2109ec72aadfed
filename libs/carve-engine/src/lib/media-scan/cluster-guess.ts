import type { ByteRun } from '../types.js';
import { subtractRanges } from './ranges.js';
import type { SourceEntry } from './volume-files.js';

/**
 * A better guess at a deleted file's clusters than "the free ones from its start": free clusters
 * that another deleted entry, starting later, claims as its own beginning are skipped too. When a
 * camera wrote a file around a neighbour that was deleted afterwards, the neighbour's clusters are
 * free now but never held this file; its entry says where it began and how long it was.
 */
export class DeletedSpaceGuess {
  private readonly free: ByteRun[];
  private readonly claims: ByteRun[];

  constructor(unallocated: readonly ByteRun[], deleted: readonly SourceEntry[]) {
    this.free = [...unallocated].sort((a, b) => a.offset - b.offset);
    this.claims = deleted
      .map((e) => ({ offset: e.absoluteRuns[0]?.offset ?? -1, length: roundUp(Math.min(e.absoluteRuns[0]?.length ?? 0, e.size), e.clusterSize) }))
      .filter((c) => c.offset >= 0 && c.length > 0)
      .sort((a, b) => a.offset - b.offset);
  }

  /** The runs, or undefined when the start is not free or the volume's free space ends first. */
  runs(entry: SourceEntry): ByteRun[] | undefined {
    const start = entry.absoluteRuns[0]?.offset;
    if (start === undefined || entry.size === 0) return undefined;
    const end = entry.volume.offset + entry.volume.length;
    const first = this.indexAt(start);
    if (first < 0) return undefined;
    const out: ByteRun[] = [];
    let needed = entry.size;
    for (let i = first; i < this.free.length && needed > 0; i++) {
      const range = this.free[i] as ByteRun;
      if (range.offset >= end) break;
      const from = Math.max(range.offset, start);
      const piece = { offset: from, length: Math.min(range.offset + range.length, end) - from };
      for (const part of subtractRanges([piece], this.claimsWithin(piece, start))) {
        const take = Math.min(part.length, needed);
        out.push({ offset: part.offset, length: take });
        needed -= take;
        if (needed === 0) break;
      }
    }
    return needed === 0 ? merge(out) : undefined;
  }

  private indexAt(offset: number): number {
    let lo = 0;
    let hi = this.free.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const run = this.free[mid] as ByteRun;
      if (offset < run.offset) hi = mid - 1;
      else if (offset >= run.offset + run.length) lo = mid + 1;
      else return mid;
    }
    return -1;
  }

  /** The claims of entries that start after `start` and overlap `piece`. */
  private claimsWithin(piece: ByteRun, start: number): ByteRun[] {
    const end = piece.offset + piece.length;
    return this.claims.filter((c) => c.offset > start && c.offset < end && c.offset + c.length > piece.offset);
  }
}

const roundUp = (n: number, unit: number) => (unit > 0 ? Math.ceil(n / unit) * unit : n);

function merge(runs: ByteRun[]): ByteRun[] {
  const out: ByteRun[] = [];
  for (const run of runs) {
    const last = out.at(-1);
    if (last && last.offset + last.length === run.offset) last.length += run.length;
    else out.push({ ...run });
  }
  return out;
}
