import { clipRuns, clustersToRuns } from '../fat/fat-context.js';
import type { DirectoryContent } from '../fat/directory-reader.js';
import type { RunConfidence } from '../filesystem.js';
import { readByteRuns } from '../source/read-runs.js';
import { ENTRY } from './entry-set.js';
import { EXFAT_LIMITS, type ExfatContext } from './exfat-context.js';
import { type Extent, deletedRuns, liveRuns } from './file-runs.js';

export type { DirectoryContent };

/** The root directory: always a FAT chain (it has no stream extension to say otherwise), bounded. */
export async function readRootDirectory(ctx: ExfatContext): Promise<DirectoryContent> {
  const limit = Math.ceil(EXFAT_LIMITS.maxDirectoryBytes / ctx.geometry.clusterSize);
  const chain = await ctx.table.chain(ctx.geometry.rootCluster, limit);
  const notes = chain.problem ? [chain.problem] : [];
  if (!chain.complete && !chain.problem) notes.push(`longer than ${EXFAT_LIMITS.maxDirectoryBytes} bytes; the rest is ignored`);
  const clipped = clipRuns(clustersToRuns(ctx.geometry, chain.clusters), ctx.source.size);
  if (clipped.cut > 0) notes.push(`${clipped.cut} bytes lie past the end of ${ctx.source.label}`);
  if (clipped.runs.length === 0) return { runs: [], notes };
  return { bytes: await readByteRuns(ctx.source, clipped.runs, EXFAT_LIMITS.maxDirectoryBytes), runs: clipped.runs, notes };
}

/**
 * A subdirectory from its stream extension: live ones by NoFatChain run or FAT chain; deleted ones
 * only when their clusters are still free (or their chain survived), and only when the first entry
 * still looks like a directory's (a File entry, live or deleted, or the end mark).
 */
export async function readSubdirectory(
  ctx: ExfatContext,
  extent: Extent,
  deleted: boolean,
): Promise<DirectoryContent & { confidence: RunConfidence }> {
  const notes: string[] = [];
  let length = extent.length;
  if (length > EXFAT_LIMITS.maxDirectoryBytes) {
    notes.push(`${length} bytes long; only the first ${EXFAT_LIMITS.maxDirectoryBytes} are read`);
    length = EXFAT_LIMITS.maxDirectoryBytes;
  }
  if (length === 0) notes.push('a directory of length 0');
  const found = deleted ? await deletedRuns(ctx, { ...extent, length }) : await liveRuns(ctx, { ...extent, length });
  notes.push(...found.notes);
  const result = { runs: found.byteRuns, notes, confidence: found.confidence };
  if (found.byteRuns.length === 0) return result;
  if (deleted && found.confidence === 'unknown') {
    notes.push('its clusters are in use again; not walked');
    return result;
  }
  const bytes = await readByteRuns(ctx.source, found.byteRuns, EXFAT_LIMITS.maxDirectoryBytes);
  const first = bytes[0] as number;
  if (deleted && first !== ENTRY.END && (first | ENTRY.IN_USE) !== ENTRY.FILE) {
    notes.push(`its first cluster no longer starts with a directory entry (type 0x${first.toString(16)}); not walked`);
    return result;
  }
  return { ...result, bytes };
}
