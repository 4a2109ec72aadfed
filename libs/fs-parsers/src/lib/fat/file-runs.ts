import type { ByteRun, RunConfidence } from '../filesystem.js';
import { type FatContext, clipRuns, clustersToRuns } from './fat-context.js';

export interface FileRuns {
  byteRuns: ByteRun[];
  confidence: RunConfidence;
  notes: string[];
}

/** A live file: follow its cluster chain (fragments and all) for as many clusters as its size needs. */
export async function liveFileRuns(ctx: FatContext, start: number, size: number): Promise<FileRuns> {
  const notes: string[] = [];
  if (size === 0) {
    if (start !== 0) notes.push(`an empty file with first cluster ${start}`);
    return { byteRuns: [], confidence: 'chain', notes };
  }
  if (start === 0) return { byteRuns: [], confidence: 'unknown', notes: [`${size} bytes but no first cluster`] };
  const needed = Math.ceil(size / ctx.geometry.clusterSize);
  const chain = await ctx.table.chain(start, needed);
  if (chain.problem) notes.push(chain.problem);
  if (chain.clusters.length < needed) {
    notes.push(`the chain holds ${chain.clusters.length} clusters; the size needs ${needed}`);
  } else if (!chain.complete) {
    notes.push(`the chain goes on past the ${needed} clusters the size needs`);
  }
  const confidence = chain.clusters.length > 0 ? 'chain' : 'unknown';
  return { ...finish(ctx, clustersToRuns(ctx.geometry, chain.clusters, size), notes), confidence };
}

/**
 * A deleted file: its chain is gone (zeroed), so take the clusters from its first one onwards that
 * are free now, skipping the ones in use, until the size is covered (The Sleuth Kit's heuristic).
 * Right for files that were written in one piece; a fragmented deleted file comes back wrong.
 */
export async function deletedFileRuns(ctx: FatContext, start: number, size: number): Promise<FileRuns> {
  const { table, geometry } = ctx;
  if (size === 0) return { byteRuns: [], confidence: 'contiguous-free', notes: [] };
  if (!table.inRange(start)) {
    return { byteRuns: [], confidence: 'unknown', notes: [`first cluster ${start} is outside 2–${geometry.maxCluster}`] };
  }
  if (!(await table.isFree(start))) {
    const note = `first cluster ${start} is in use again: the content was overwritten or belongs to another file now`;
    return { byteRuns: [], confidence: 'unknown', notes: [note] };
  }
  const needed = Math.ceil(size / geometry.clusterSize);
  const clusters: number[] = [];
  let skipped = 0;
  for (let cluster = start; clusters.length < needed && cluster <= geometry.maxCluster; cluster++) {
    if (await table.isFree(cluster)) clusters.push(cluster);
    else skipped++;
  }
  const notes: string[] = [];
  if (skipped > 0) notes.push(`skipped ${skipped} clusters in use after the first one`);
  if (clusters.length < needed) notes.push(`only ${clusters.length} of ${needed} clusters found free up to the end of the volume`);
  return { ...finish(ctx, clustersToRuns(geometry, clusters, size), notes), confidence: 'contiguous-free' };
}

function finish(ctx: FatContext, runs: ByteRun[], notes: string[]): { byteRuns: ByteRun[]; notes: string[] } {
  const clipped = clipRuns(runs, ctx.source.size);
  if (clipped.cut > 0) notes.push(`${clipped.cut} bytes lie past the end of ${ctx.source.label}`);
  return { byteRuns: clipped.runs, notes };
}
