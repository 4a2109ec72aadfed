import type { ByteRun } from '../filesystem.js';
import type { ByteSource } from '../source/byte-source.js';
import type { FatGeometry } from './boot-sector.js';
import type { FatTable } from './fat-table.js';
import type { FatVariant } from './variants.js';

/** What the fat/ steps share once a volume is open. */
export interface FatContext {
  readonly source: ByteSource;
  readonly geometry: FatGeometry;
  readonly variant: FatVariant;
  readonly table: FatTable;
}

/** Limits on what the disk can make us do. */
export const FAT_LIMITS = {
  /** A FAT directory holds at most 65536 entries (fatgen103), i.e. 2 MiB. */
  maxDirectoryBytes: 65536 * 32,
  /** How many clusters of a deleted directory we read past its first, at most. */
  maxDeletedDirectoryClusters: 64,
  /** Directory nesting; a 260-character path cannot go much deeper. */
  maxDepth: 128,
  maxEntries: 2_000_000,
  /** Directories found by the orphan scan (free clusters starting with '.' and '..'), at most. */
  maxOrphanDirectories: 100_000,
} as const;

/** Where clusters lie: the data region (FAT) or cluster heap (exFAT) start, and the cluster size. */
export type ClusterLayout = Pick<FatGeometry, 'dataOffset' | 'clusterSize'>;

export function clusterOffset(geometry: ClusterLayout, cluster: number): number {
  return geometry.dataOffset + (cluster - 2) * geometry.clusterSize;
}

/** Coalesces clusters into byte runs, the last cut so the total is at most `byteLimit`. */
export function clustersToRuns(geometry: ClusterLayout, clusters: readonly number[], byteLimit = Infinity): ByteRun[] {
  const runs: ByteRun[] = [];
  let remaining = byteLimit;
  for (const cluster of clusters) {
    if (remaining <= 0) break;
    const length = Math.min(geometry.clusterSize, remaining);
    const offset = clusterOffset(geometry, cluster);
    const last = runs[runs.length - 1];
    if (last && last.offset + last.length === offset) last.length += length;
    else runs.push({ offset, length });
    remaining -= length;
  }
  return runs;
}

/** Cuts runs at the end of the source (a truncated image); returns how many bytes were cut. */
export function clipRuns(runs: readonly ByteRun[], sourceSize: number): { runs: ByteRun[]; cut: number } {
  const kept: ByteRun[] = [];
  let cut = 0;
  for (const run of runs) {
    const length = Math.max(0, Math.min(run.length, sourceSize - run.offset));
    cut += run.length - length;
    if (length > 0) kept.push({ offset: run.offset, length });
  }
  return { runs: kept, cut };
}
