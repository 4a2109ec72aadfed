import { DIR_ENTRY_SIZE } from './dir-entry.js';
import { FAT_LIMITS, type FatContext, clusterOffset } from './fat-context.js';
import { directoryHeadParent, looksLikeDirectoryContinuation } from './directory-signs.js';

/** Bytes per read of the scan: large sequential reads keep it I/O-bound (a JS check runs per cluster, not per byte). */
const SCAN_CHUNK_BYTES = 4 * 1024 * 1024;

/** A free cluster that starts like a directory: '.' pointing to itself, then '..'. */
export interface DirectoryHead {
  cluster: number;
  /** The '..' cluster; 0 for the root (FAT32's root cluster number is read as 0 too). */
  parent: number;
}

export interface DirectoryClusterScan {
  heads: DirectoryHead[];
  /** Free clusters that hold only directory entries but no '.': later clusters of lost directories, ascending. */
  continuations: number[];
  bytesScanned: number;
  notes: string[];
}

/**
 * Reads every free cluster once, in large sequential chunks, and keeps those that start like a
 * directory and those that look like a directory's later cluster. One pass over the free space; at
 * most FAT_LIMITS.maxOrphanDirectories clusters are kept; the signal is checked between chunks.
 */
export async function scanFreeDirectoryClusters(ctx: FatContext, signal?: AbortSignal): Promise<DirectoryClusterScan> {
  const { geometry, source } = ctx;
  const perChunk = Math.max(1, Math.floor(SCAN_CHUNK_BYTES / geometry.clusterSize));
  const readInto = source.readInto?.bind(source);
  const buffer = readInto ? Buffer.allocUnsafe(perChunk * geometry.clusterSize) : undefined;
  const result: DirectoryClusterScan = { heads: [], continuations: [], bytesScanned: 0, notes: [] };
  for await (const span of ctx.table.spans(signal)) {
    if (!span.free) continue;
    for (let first = span.first; first < span.first + span.count; first += perChunk) {
      signal?.throwIfAborted();
      const offset = clusterOffset(geometry, first);
      const count = Math.min(perChunk, span.first + span.count - first);
      const length = Math.min(count * geometry.clusterSize, source.size - offset);
      if (length < 2 * DIR_ENTRY_SIZE) return result; // the rest of the volume lies past the end of the source
      const bytes =
        readInto && buffer ? buffer.subarray(0, await readInto(buffer.subarray(0, length), offset)) : await source.read(offset, length);
      result.bytesScanned += bytes.length;
      for (let i = 0; i * geometry.clusterSize < bytes.length; i++) {
        const at = i * geometry.clusterSize;
        const parent = directoryHeadParent(ctx, bytes, at, first + i);
        const continuation = parent === undefined && looksLikeDirectoryContinuation(bytes, at, Math.min(geometry.clusterSize, bytes.length - at));
        if (parent === undefined && !continuation) continue;
        if (result.heads.length + result.continuations.length >= FAT_LIMITS.maxOrphanDirectories) {
          result.notes.push(`stopped looking for orphan directory clusters after ${FAT_LIMITS.maxOrphanDirectories}`);
          return result;
        }
        if (parent === undefined) result.continuations.push(first + i);
        else result.heads.push({ cluster: first + i, parent });
      }
    }
  }
  return result;
}
