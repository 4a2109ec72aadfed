import type { ByteRun } from '../filesystem.js';
import { readByteRuns } from '../source/read-runs.js';
import { DIR_ENTRY_SIZE } from './dir-entry.js';
import { looksLikeDirectoryContinuation } from './directory-signs.js';
import { selfCluster } from './dir-parse.js';
import { FAT_LIMITS, type FatContext, clipRuns, clustersToRuns } from './fat-context.js';

/** A directory's bytes (absent when it cannot be read) and where they lie. */
export interface DirectoryContent {
  bytes?: Buffer;
  runs: ByteRun[];
  notes: string[];
}

/** The root: a fixed region after the FATs (FAT12/16) or a cluster chain (FAT32). */
export async function readRootDirectory(ctx: FatContext): Promise<DirectoryContent> {
  const { geometry } = ctx;
  if (ctx.variant.rootIsChain) return readLiveDirectory(ctx, geometry.rootCluster);
  return readRuns(ctx, [{ offset: geometry.rootDirOffset, length: geometry.rootDirBytes }], []);
}

/** A live directory follows its chain, at most 2 MiB (a FAT directory's own limit). */
export async function readLiveDirectory(ctx: FatContext, first: number): Promise<DirectoryContent> {
  const limit = Math.ceil(FAT_LIMITS.maxDirectoryBytes / ctx.geometry.clusterSize);
  const chain = await ctx.table.chain(first, limit);
  const notes = chain.problem ? [chain.problem] : [];
  if (!chain.complete && !chain.problem && chain.clusters.length >= limit) {
    notes.push(`directory chain longer than ${FAT_LIMITS.maxDirectoryBytes} bytes; the rest is ignored`);
  }
  if (chain.clusters.length === 0) return { runs: [], notes };
  return readRuns(ctx, clustersToRuns(ctx.geometry, chain.clusters), notes);
}

/**
 * A deleted directory: its chain is gone. Walk it only when its first cluster is free and still
 * starts with a '.' entry pointing at itself; read on into the next clusters only while they are
 * free, the previous one was full and the next one holds only directory entries, without a '.'
 * (that would be another directory's start); bounded.
 */
export async function readDeletedDirectory(ctx: FatContext, first: number): Promise<DirectoryContent> {
  const { table, geometry } = ctx;
  if (!table.inRange(first)) return { runs: [], notes: [`first cluster ${first} is outside 2–${geometry.maxCluster}`] };
  if (!(await table.isFree(first))) {
    return { runs: [], notes: [`first cluster ${first} is in use again; the deleted directory cannot be walked`] };
  }
  const head = await readRuns(ctx, clustersToRuns(geometry, [first]), []);
  if (!head.bytes || selfCluster(head.bytes, ctx.variant.rootIsChain) !== first) {
    return { runs: [], notes: [...head.notes, `cluster ${first} no longer holds this directory`] };
  }
  const clusters = [first];
  const parts = [head.bytes];
  for (let next = first + 1; clusters.length <= FAT_LIMITS.maxDeletedDirectoryClusters; next++) {
    const previous = parts[parts.length - 1] as Buffer;
    if (hasEndMark(previous) || !table.inRange(next) || !(await table.isFree(next))) break;
    const more = await readRuns(ctx, clustersToRuns(geometry, [next]), []);
    // Only directory entries up to an end mark, and no '.' (that would start another directory).
    if (!more.bytes || !looksLikeDirectoryContinuation(more.bytes, 0, more.bytes.length)) break;
    clusters.push(next);
    parts.push(more.bytes);
  }
  return { bytes: Buffer.concat(parts), runs: clustersToRuns(geometry, clusters), notes: head.notes };
}

async function readRuns(ctx: FatContext, runs: ByteRun[], notes: string[]): Promise<DirectoryContent> {
  const clipped = clipRuns(runs, ctx.source.size);
  if (clipped.cut > 0) notes.push(`${clipped.cut} bytes of this directory lie past the end of ${ctx.source.label}`);
  if (clipped.runs.length === 0) return { runs: clipped.runs, notes };
  const bytes = await readByteRuns(ctx.source, clipped.runs, FAT_LIMITS.maxDirectoryBytes);
  return { bytes, runs: clipped.runs, notes };
}

function hasEndMark(bytes: Buffer): boolean {
  for (let at = 0; at + DIR_ENTRY_SIZE <= bytes.length; at += DIR_ENTRY_SIZE) if (bytes[at] === 0) return true;
  return false;
}
