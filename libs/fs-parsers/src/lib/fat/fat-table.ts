import { InvalidReadError } from '../errors.js';
import { type ByteSource, readExact } from '../source/byte-source.js';
import type { FatGeometry } from './boot-sector.js';
import type { FatVariant } from './variants.js';

/** A multiple of 12 bytes, so neither FAT12 entry pairs nor 16/32-bit entries straddle two chunks. */
const CHUNK_BYTES = 3 * 64 * 1024;
const CACHED_CHUNKS = 16;

export type FatValueKind = 'free' | 'next' | 'end' | 'bad' | 'invalid';

export interface ClusterChain {
  clusters: number[];
  /** Reached the end-of-chain marker. */
  complete: boolean;
  /** Why the walk stopped early: a loop, a free or bad cluster, a pointer outside the volume... */
  problem?: string;
}

/** What the table needs of a volume's geometry (a FatGeometry, or exFAT's). */
export type FatTableGeometry = Pick<FatGeometry, 'fatOffset' | 'fatBytes' | 'clusterCount' | 'maxCluster'>;

/** A run of clusters that are all free or all in use. */
export interface ClusterSpan {
  first: number;
  count: number;
  free: boolean;
}

/**
 * The active FAT, read through the source in bounded chunks (a few MiB cached at most), never whole:
 * a FAT32 of a 2 TB card is gigabytes.
 */
export class FatTable {
  private readonly chunks = new Map<number, Buffer>();
  private readonly perChunk: number;

  constructor(
    private readonly source: ByteSource,
    readonly geometry: FatTableGeometry,
    readonly variant: FatVariant,
  ) {
    this.perChunk = (CHUNK_BYTES * 8) / variant.entryBits;
  }

  inRange(cluster: number): boolean {
    return Number.isInteger(cluster) && cluster >= 2 && cluster <= this.geometry.maxCluster;
  }

  async entry(cluster: number): Promise<number> {
    if (!Number.isInteger(cluster) || cluster < 0 || cluster > this.geometry.maxCluster) {
      throw new InvalidReadError(`FAT entry ${cluster} is outside 0–${this.geometry.maxCluster}`);
    }
    const index = Math.floor(cluster / this.perChunk);
    const chunk = await this.chunk(index);
    return this.variant.decodeEntry(chunk, this.variant.entryOffset(cluster) - index * CHUNK_BYTES, cluster);
  }

  kind(value: number): FatValueKind {
    if (value === 0) return 'free';
    if (value >= this.variant.endOfChain) return 'end';
    if (value === this.variant.badCluster) return 'bad';
    return this.inRange(value) ? 'next' : 'invalid';
  }

  async isFree(cluster: number): Promise<boolean> {
    return (await this.entry(cluster)) === 0;
  }

  /**
   * Follows a chain from `start` for at most `limit` clusters (and never more than the volume has).
   * A loop, a free/bad/out-of-range link or a chain longer than the volume stops the walk with a
   * problem; it never hangs.
   */
  async chain(start: number, limit: number): Promise<ClusterChain> {
    const clusters: number[] = [];
    const max = this.geometry.maxCluster;
    if (!this.inRange(start)) return { clusters, complete: false, problem: `first cluster ${start} is outside 2–${max}` };
    const cap = Math.min(limit, this.geometry.clusterCount);
    const seen = new Set<number>();
    for (let current = start; ; ) {
      seen.add(current);
      clusters.push(current);
      const value = await this.entry(current);
      const kind = this.kind(value);
      if (kind === 'end') return { clusters, complete: true };
      if (kind === 'free') return { clusters, complete: false, problem: `cluster ${current} in the chain is marked free` };
      if (kind === 'bad') return { clusters, complete: false, problem: `cluster ${current} in the chain is marked bad` };
      if (kind === 'invalid') {
        return { clusters, complete: false, problem: `cluster ${current} points to ${value}, outside 2–${max}` };
      }
      if (seen.has(value)) {
        return { clusters, complete: false, problem: `the chain loops: cluster ${current} points back to ${value}` };
      }
      if (clusters.length >= cap) {
        const problem = cap === this.geometry.clusterCount ? `the chain is longer than the volume's ${cap} clusters` : undefined;
        return { clusters, complete: false, ...(problem ? { problem } : {}) };
      }
      current = value;
    }
  }

  /** Coalesced runs of free and used clusters over the whole volume, in order. */
  async *spans(signal?: AbortSignal): AsyncGenerator<ClusterSpan> {
    let span: ClusterSpan | undefined;
    const max = this.geometry.maxCluster;
    for (let index = 0; index * this.perChunk <= max; index++) {
      signal?.throwIfAborted();
      const chunk = await this.chunk(index);
      const last = Math.min(max, (index + 1) * this.perChunk - 1);
      for (let cluster = Math.max(2, index * this.perChunk); cluster <= last; cluster++) {
        const at = this.variant.entryOffset(cluster) - index * CHUNK_BYTES;
        const free = this.variant.decodeEntry(chunk, at, cluster) === 0;
        if (span && span.free === free) {
          span.count++;
        } else {
          if (span) yield span;
          span = { first: cluster, count: 1, free };
        }
      }
    }
    if (span) yield span;
  }

  private async chunk(index: number): Promise<Buffer> {
    const cached = this.chunks.get(index);
    if (cached) return cached;
    const start = index * CHUNK_BYTES;
    const length = Math.min(CHUNK_BYTES, this.geometry.fatBytes - start);
    const bytes = await readExact(this.source, this.geometry.fatOffset + start, length, 'FAT');
    if (this.chunks.size >= CACHED_CHUNKS) this.chunks.delete(this.chunks.keys().next().value as number);
    this.chunks.set(index, bytes);
    return bytes;
  }
}
