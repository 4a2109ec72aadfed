import type { FsEntry, RunCandidate } from '../filesystem.js';
import { type FatContext, clipRuns, clusterOffset } from './fat-context.js';
import { deletedFileRuns } from './file-runs.js';

/**
 * The ways a deleted file's content may lie, most likely first, for a caller that checks each guess
 * against the bytes (FAT zeroes a deleted file's chain, so every answer is a guess):
 *  1. 'contiguous': the clusters from its first one on, as many as its size needs, in use now or
 *     not (right when the file was written in one piece and only its used clusters' bytes changed);
 *  2. 'contiguous-free': the free clusters from its first one on, skipping those in use (The Sleuth
 *     Kit's heuristic, what entries() gives; right when other files were written around it).
 * When no cluster in the range is in use both are the same and only the first is given. A live file
 * has one candidate, its chain; a directory none.
 */
export async function runCandidates(ctx: FatContext, entry: FsEntry): Promise<RunCandidate[]> {
  if (entry.isDirectory || entry.size === 0) return [];
  if (!entry.deleted) return [{ kind: 'chain', byteRuns: entry.byteRuns, clustersInUse: 0, notes: [] }];
  const { table, geometry } = ctx;
  const start = entry.firstCluster;
  if (!table.inRange(start)) return [];
  const needed = Math.ceil(entry.size / geometry.clusterSize);
  const last = Math.min(start + needed - 1, geometry.maxCluster);
  let clustersInUse = 0;
  for (let cluster = start; cluster <= last; cluster++) if (!(await table.isFree(cluster))) clustersInUse++;
  const notes: string[] = [];
  const length = Math.min(entry.size, (last - start + 1) * geometry.clusterSize);
  if (length < entry.size) notes.push(`the volume ends ${entry.size - length} bytes short of the size`);
  const clipped = clipRuns([{ offset: clusterOffset(geometry, start), length }], ctx.source.size);
  if (clipped.cut > 0) notes.push(`${clipped.cut} bytes lie past the end of ${ctx.source.label}`);
  if (clustersInUse > 0) notes.push(`${clustersInUse} of its ${last - start + 1} clusters are in use now`);
  const contiguous: RunCandidate = { kind: 'contiguous', byteRuns: clipped.runs, clustersInUse, notes };
  if (clustersInUse === 0) return [contiguous];
  const free = await deletedFileRuns(ctx, start, entry.size);
  if (free.byteRuns.length === 0) return [contiguous];
  return [contiguous, { kind: 'contiguous-free', byteRuns: free.byteRuns, clustersInUse: 0, notes: free.notes }];
}
