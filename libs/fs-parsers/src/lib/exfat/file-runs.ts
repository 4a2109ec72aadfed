import { clipRuns, clusterOffset, clustersToRuns } from '../fat/fat-context.js';
import type { FileRuns } from '../fat/file-runs.js';
import type { ByteRun } from '../filesystem.js';
import { type ExfatContext, describeClusters } from './exfat-context.js';

/** Where an entry's data lies: its stream extension's first cluster, length and NoFatChain flag. */
export interface Extent {
  firstCluster: number;
  /** Bytes to cover (ValidDataLength for a file: what was written). */
  length: number;
  noFatChain: boolean;
}

/**
 * A live entry: NoFatChain is one contiguous run (the FAT is not used); otherwise follow the FAT
 * chain for as many clusters as the length needs. Clusters the bitmap calls free are named.
 */
export async function liveRuns(ctx: ExfatContext, extent: Extent): Promise<FileRuns> {
  const { firstCluster: first, length } = extent;
  if (length === 0) return { byteRuns: [], confidence: 'chain', notes: [] };
  if (first === 0) return { byteRuns: [], confidence: 'unknown', notes: [`${length} bytes but no first cluster`] };
  const needed = Math.ceil(length / ctx.geometry.clusterSize);
  const notes: string[] = [];
  let runs: ByteRun[];
  let freeNow: number[];
  if (extent.noFatChain) {
    const count = contiguousCount(ctx, first, needed, notes);
    runs = contiguousRuns(ctx, first, count, length);
    freeNow = ctx.bitmap.known ? (await ctx.bitmap.find(first, count, false, 64)).clusters : [];
  } else {
    const chain = await ctx.table.chain(first, needed);
    if (chain.problem) notes.push(chain.problem);
    if (chain.clusters.length < needed) notes.push(`the chain holds ${chain.clusters.length} clusters; the length needs ${needed}`);
    else if (!chain.complete) notes.push(`the chain goes on past the ${needed} clusters the length needs`);
    runs = clustersToRuns(ctx.geometry, chain.clusters, length);
    freeNow = [];
    for (const cluster of ctx.bitmap.known ? chain.clusters : []) {
      if (!(await ctx.bitmap.isAllocated(cluster))) freeNow.push(cluster);
    }
  }
  if (freeNow.length > 0) notes.push(`${describeClusters(freeNow)} marked free in the allocation bitmap`);
  return { ...finish(ctx, runs, notes), confidence: runs.length > 0 ? 'chain' : 'unknown' };
}

/**
 * A deleted entry. NoFatChain: the same contiguous run, sure of where it lies; 'contiguous-free'
 * when every cluster is still free, with the ones in use again named otherwise. FAT chain: the chain
 * when it survived deletion whole (ends exactly where the length says, every cluster free); else the
 * free clusters from the first one on, skipping those in use, as The Sleuth Kit guesses.
 */
export async function deletedRuns(ctx: ExfatContext, extent: Extent): Promise<FileRuns> {
  const { firstCluster: first, length } = extent;
  const { table, bitmap } = ctx;
  if (length === 0) return { byteRuns: [], confidence: 'contiguous-free', notes: [] };
  if (!table.inRange(first)) {
    return { byteRuns: [], confidence: 'unknown', notes: [`first cluster ${first} is outside 2–${ctx.geometry.maxCluster}`] };
  }
  const needed = Math.ceil(length / ctx.geometry.clusterSize);
  const notes: string[] = [];
  if (extent.noFatChain) {
    const count = contiguousCount(ctx, first, needed, notes);
    const used = await bitmap.find(first, count, true, 64);
    if (used.total > 0) notes.push(`${describeClusters(used.clusters)} in use again: that part was likely overwritten`);
    const runs = finish(ctx, contiguousRuns(ctx, first, count, length), notes);
    return { ...runs, confidence: used.total === 0 ? 'contiguous-free' : 'unknown' };
  }
  const chain = await table.chain(first, needed);
  const whole = chain.complete && chain.clusters.length === needed && (await bitmap.inUse(chain.clusters)).length === 0;
  if (whole) {
    notes.push('deleted, but its FAT chain survived: followed it');
    return { ...finish(ctx, clustersToRuns(ctx.geometry, chain.clusters, length), notes), confidence: 'chain' };
  }
  if (await bitmap.isAllocated(first)) {
    notes.push(`first cluster ${first} is in use again: the content was overwritten or belongs to another file now`);
    return { byteRuns: [], confidence: 'unknown', notes };
  }
  // A zero FAT entry reads as "marked free" to fat/'s table; in exFAT it means the link was cleared.
  const why = chain.problem?.replace('is marked free', 'has a cleared (zero) FAT entry') ??
    (chain.complete ? 'it reaches clusters in use' : 'it is longer than the length says');
  notes.push(`its FAT chain did not survive deletion (${why}); clusters guessed as the free ones from the first on`);
  return { ...(await freeFrom(ctx, first, needed, length, notes)), confidence: 'contiguous-free' };
}

/** How many of `needed` clusters from `first` the volume holds (a note when it holds fewer). */
function contiguousCount(ctx: ExfatContext, first: number, needed: number, notes: string[]): number {
  const max = ctx.geometry.maxCluster;
  if (first < 2 || first > max) {
    notes.push(`first cluster ${first} is outside 2–${max}`);
    return 0;
  }
  if (first + needed - 1 > max) notes.push(`${needed} clusters from ${first} run past the last cluster, ${max}`);
  return Math.min(needed, max - first + 1);
}

function contiguousRuns(ctx: ExfatContext, first: number, count: number, length: number): ByteRun[] {
  if (count === 0) return [];
  return [{ offset: clusterOffset(ctx.geometry, first), length: Math.min(length, count * ctx.geometry.clusterSize) }];
}

/** The first `needed` free clusters from `first` on, as runs, read span by span. */
async function freeFrom(ctx: ExfatContext, first: number, needed: number, length: number, notes: string[]) {
  const { clusterSize } = ctx.geometry;
  const runs: ByteRun[] = [];
  let found = 0;
  let skipped = 0;
  for await (const span of ctx.bitmap.spans(undefined, first)) {
    if (found >= needed) break;
    if (!span.free) {
      skipped += span.count;
      continue;
    }
    const take = Math.min(span.count, needed - found);
    runs.push({ offset: clusterOffset(ctx.geometry, span.first), length: take * clusterSize });
    found += take;
  }
  const last = runs[runs.length - 1];
  if (last && found === needed) last.length -= needed * clusterSize - length;
  if (skipped > 0 && found > 0) notes.push(`skipped ${skipped} ${skipped === 1 ? 'cluster' : 'clusters'} in use after the first one`);
  if (found < needed) notes.push(`only ${found} of ${needed} clusters found free up to the end of the volume`);
  return finish(ctx, runs, notes);
}

function finish(ctx: ExfatContext, runs: ByteRun[], notes: string[]): { byteRuns: ByteRun[]; notes: string[] } {
  const clipped = clipRuns(runs, ctx.source.size);
  if (clipped.cut > 0) notes.push(`${clipped.cut} bytes lie past the end of ${ctx.source.label}`);
  return { byteRuns: clipped.runs, notes };
}
