import { clusterOffset } from '../fat/fat-context.js';
import { ENTRY_SIZE } from './entry-set.js';
import { EXFAT_LIMITS, type ExfatContext } from './exfat-context.js';
import { parseExfatDirectory } from './dir-parse.js';
import { checkFileSet, directoryClusterSigns } from './orphan-signs.js';

/** Bytes per read of the scan: large sequential reads keep it I/O-bound (a JS check runs per cluster, not per byte). */
const SCAN_CHUNK_BYTES = 4 * 1024 * 1024;

/** A directory entry set's word on its directory: where it starts, how long it is, whether contiguous. */
export interface DirectoryRef {
  firstCluster: number;
  dataLength: number;
  noFatChain: boolean;
  /** The set naming it was itself deleted (the folder was, before a format or not). */
  deleted: boolean;
}

/** A free cluster that looks like a directory's, as the scan saw it alone. */
export interface EntryCluster {
  cluster: number;
  /** Secondary entries it starts with (the rest of a set begun elsewhere): not a directory's first cluster. */
  leading: number;
  /** The sub-directories its sets name (valid sets, or the set cut by its end). */
  refs: DirectoryRef[];
}

export interface EntryClusterScan {
  /** Free clusters that hold File entry sets, ascending. */
  clusters: EntryCluster[];
  bytesScanned: number;
  notes: string[];
}

/**
 * Reads every free cluster (per the allocation bitmap) once, in large sequential chunks, and keeps
 * those that look like a directory's (see orphan-signs.ts), except the clusters in `skip` (the
 * directories the walk from the root read). At most EXFAT_LIMITS.maxOrphanClusters are kept; the
 * signal is checked between chunks.
 */
export async function scanFreeEntryClusters(ctx: ExfatContext, skip: ReadonlySet<number>, signal?: AbortSignal): Promise<EntryClusterScan> {
  const { geometry, source } = ctx;
  const { clusterSize } = geometry;
  const perChunk = Math.max(1, Math.floor(SCAN_CHUNK_BYTES / clusterSize));
  const readInto = source.readInto?.bind(source);
  const buffer = readInto ? Buffer.allocUnsafe(perChunk * clusterSize) : undefined;
  const result: EntryClusterScan = { clusters: [], bytesScanned: 0, notes: [] };
  for await (const span of ctx.bitmap.spans(signal)) {
    if (!span.free) continue;
    for (let first = span.first; first < span.first + span.count; first += perChunk) {
      signal?.throwIfAborted();
      const offset = clusterOffset(geometry, first);
      if (offset + ENTRY_SIZE > source.size) return result; // the rest of the heap lies past the end of the source
      const length = Math.min(Math.min(perChunk, span.first + span.count - first) * clusterSize, source.size - offset);
      const bytes =
        readInto && buffer ? buffer.subarray(0, await readInto(buffer.subarray(0, length), offset)) : await source.read(offset, length);
      result.bytesScanned += bytes.length;
      for (let i = 0; i * clusterSize < bytes.length; i++) {
        if (skip.has(first + i)) continue;
        const at = i * clusterSize;
        const signs = directoryClusterSigns(bytes, at, Math.min(clusterSize, bytes.length - at), geometry);
        if (!signs) continue;
        if (result.clusters.length >= EXFAT_LIMITS.maxOrphanClusters) {
          result.notes.push(`stopped looking for orphan directory clusters after ${EXFAT_LIMITS.maxOrphanClusters}`);
          return result;
        }
        result.clusters.push({ cluster: first + i, leading: signs.leading, refs: directoryRefs(ctx, bytes.subarray(at, at + clusterSize)) });
      }
    }
  }
  return result;
}

function directoryRefs(ctx: ExfatContext, cluster: Buffer): DirectoryRef[] {
  const refs: DirectoryRef[] = [];
  for (const set of parseExfatDirectory(cluster).sets) {
    if (!set.isDirectory || checkFileSet(cluster, set.offset, cluster.length, ctx.geometry).verdict === 'bad') continue;
    refs.push({ firstCluster: set.firstCluster, dataLength: set.dataLength, noFatChain: set.noFatChain, deleted: set.deleted });
  }
  return refs;
}
