import type { ClusterSpan } from '../fat/fat-table.js';
import type { ByteRun } from '../filesystem.js';
import { type ByteSource, readExact } from '../source/byte-source.js';

const CHUNK_BYTES = 64 * 1024;
const CACHED_CHUNKS = 16;

/**
 * The allocation bitmap (spec §7.1): bit n of the bitmap says whether cluster n + 2 is in use. It is
 * read through the source in 64 KiB chunks (a 2 TB card's bitmap is megabytes), a few cached.
 * Clusters the bitmap does not reach (a short bitmap, a truncated image) count as in use: nothing is
 * called free that was not seen free. Without any bitmap, every cluster counts as free.
 */
export class AllocationBitmap {
  private readonly chunks = new Map<number, Buffer>();
  /** Bitmap bytes that can be read: the runs' total, at most what the clusters need. */
  readonly readableBytes: number;

  constructor(
    private readonly source: ByteSource,
    /** Where the bitmap's bytes lie, in order; undefined when the volume has no usable bitmap. */
    private readonly runs: readonly ByteRun[] | undefined,
    readonly clusterCount: number,
  ) {
    const total = (runs ?? []).reduce((sum, run) => sum + run.length, 0);
    this.readableBytes = Math.min(total, Math.ceil(clusterCount / 8));
  }

  get known(): boolean {
    return this.runs !== undefined;
  }

  async isAllocated(cluster: number): Promise<boolean> {
    if (!this.runs) return false;
    const bit = cluster - 2;
    if (!Number.isInteger(bit) || bit < 0 || bit >= this.clusterCount) return true;
    const byte = bit >>> 3;
    if (byte >= this.readableBytes) return true;
    const chunk = await this.chunk(Math.floor(byte / CHUNK_BYTES));
    return (((chunk[byte % CHUNK_BYTES] as number) >>> (bit & 7)) & 1) === 1;
  }

  /** The clusters among `clusters` that are in use now. */
  async inUse(clusters: readonly number[]): Promise<number[]> {
    const used: number[] = [];
    for (const cluster of clusters) if (await this.isAllocated(cluster)) used.push(cluster);
    return used;
  }

  /**
   * The clusters of [first, first + count) whose state is `allocated`: the first `limit` of them
   * and how many in all, read span by span (a hostile count costs one pass over the bitmap).
   */
  async find(first: number, count: number, allocated: boolean, limit = 1000): Promise<{ clusters: number[]; total: number }> {
    const clusters: number[] = [];
    let total = 0;
    const end = first + count;
    for await (const span of this.spans(undefined, first)) {
      if (span.first >= end) break;
      if (span.free === allocated) continue;
      const last = Math.min(end, span.first + span.count);
      total += last - span.first;
      for (let c = span.first; c < last && clusters.length < limit; c++) clusters.push(c);
    }
    return { clusters, total };
  }

  /** Coalesced runs of free and used clusters from cluster `from` (2, the first, by default) to the last, in order. */
  async *spans(signal?: AbortSignal, from = 2): AsyncGenerator<ClusterSpan> {
    const start = Math.max(0, from - 2);
    if (start >= this.clusterCount) return;
    if (!this.runs) {
      yield { first: start + 2, count: this.clusterCount - start, free: true };
      return;
    }
    let span: ClusterSpan | undefined;
    const push = (first: number, count: number, free: boolean): ClusterSpan | undefined => {
      if (span && span.free === free) {
        span.count += count;
        return undefined;
      }
      const done = span;
      span = { first, count, free };
      return done;
    };
    const seen = Math.min(this.clusterCount, this.readableBytes * 8);
    const perChunk = CHUNK_BYTES * 8;
    for (let index = Math.floor(start / perChunk); index * perChunk < seen; index++) {
      signal?.throwIfAborted();
      const chunk = await this.chunk(index);
      const base = index * perChunk;
      for (let bit = Math.max(base, start); bit < Math.min(seen, base + perChunk); ) {
        const byte = chunk[(bit - base) >>> 3] as number;
        const whole = (bit & 7) === 0 && bit + 8 <= seen && (byte === 0 || byte === 0xff);
        const count = whole ? 8 : 1;
        const free = whole ? byte === 0 : ((byte >>> (bit & 7)) & 1) === 0;
        const done = push(bit + 2, count, free);
        if (done) yield done;
        bit += count;
      }
    }
    if (seen < this.clusterCount) {
      const done = push(Math.max(seen, start) + 2, this.clusterCount - Math.max(seen, start), false);
      if (done) yield done;
    }
    if (span) yield span;
  }

  private async chunk(index: number): Promise<Buffer> {
    const cached = this.chunks.get(index);
    if (cached) return cached;
    const start = index * CHUNK_BYTES;
    const bytes = await readLogical(this.source, this.runs ?? [], start, Math.min(CHUNK_BYTES, this.readableBytes - start));
    if (this.chunks.size >= CACHED_CHUNKS) this.chunks.delete(this.chunks.keys().next().value as number);
    this.chunks.set(index, bytes);
    return bytes;
  }
}

/** Reads `length` bytes from `offset` within the concatenation of `runs`. */
async function readLogical(source: ByteSource, runs: readonly ByteRun[], offset: number, length: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  let skip = offset;
  let wanted = length;
  for (const run of runs) {
    if (wanted <= 0) break;
    if (skip >= run.length) {
      skip -= run.length;
      continue;
    }
    const n = Math.min(run.length - skip, wanted);
    parts.push(await readExact(source, run.offset + skip, n, 'allocation bitmap'));
    wanted -= n;
    skip = 0;
  }
  return Buffer.concat(parts);
}
