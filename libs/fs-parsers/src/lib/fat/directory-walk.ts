import type { FsEntry, WalkOptions } from '../filesystem.js';
import { ATTR_DIRECTORY } from './dir-entry.js';
import { type DirItem, parseDirectory } from './dir-parse.js';
import { type DirectoryContent, readDeletedDirectory, readLiveDirectory, readRootDirectory } from './directory-reader.js';
import { FAT_LIMITS, type FatContext } from './fat-context.js';
import { fatDateTimeToIso, fatDateToIso } from './fat-time.js';
import { deletedFileRuns, liveFileRuns } from './file-runs.js';

interface Walk {
  ctx: FatContext;
  out: FsEntry[];
  /** First clusters of directories already walked, with their paths: a directory met twice (a loop) is not walked again. */
  walked: Map<number, string>;
  signal?: AbortSignal;
  /** Volume-level notes (limits reached). */
  notes: string[];
}

export interface FatWalk {
  entries: FsEntry[];
  notes: string[];
  /** First cluster → path of every directory walked (the FAT32 root as '/'). */
  walked: Map<number, string>;
}

/** Walks the tree from the root, live and deleted, each directory before its content. */
export async function walkFat(ctx: FatContext, options: WalkOptions = {}): Promise<FatWalk> {
  const walk: Walk = { ctx, out: [], walked: new Map(), notes: [], ...(options.signal ? { signal: options.signal } : {}) };
  const root = await readRootDirectory(ctx);
  walk.notes.push(...root.notes.map((note) => `root directory: ${note}`));
  if (ctx.variant.rootIsChain) walk.walked.set(ctx.geometry.rootCluster, '/');
  if (root.bytes) await walkDirectory(walk, '', root.bytes, false, 0);
  return { entries: walk.out, notes: walk.notes, walked: walk.walked };
}

async function walkDirectory(walk: Walk, path: string, bytes: Buffer, insideDeleted: boolean, depth: number): Promise<void> {
  const parsed = parseDirectory(bytes, walk.ctx.variant.rootIsChain);
  if (parsed.implausible > 0) walk.notes.push(`${path || '/'}: skipped ${parsed.implausible} entries that are not valid`);
  for (const item of parsed.items) {
    walk.signal?.throwIfAborted();
    if (walk.out.length >= FAT_LIMITS.maxEntries) {
      walk.notes.push(`stopped after ${FAT_LIMITS.maxEntries} entries`);
      return;
    }
    const entry = baseEntry(item, `${path}/${item.name}`, insideDeleted || item.entry.deleted);
    walk.out.push(entry);
    if (!entry.isDirectory) {
      const runs = entry.deleted
        ? await deletedFileRuns(walk.ctx, entry.firstCluster, entry.size)
        : await liveFileRuns(walk.ctx, entry.firstCluster, entry.size);
      Object.assign(entry, { byteRuns: runs.byteRuns, confidence: runs.confidence });
      entry.notes.push(...runs.notes);
      continue;
    }
    const content = await openSubdirectory(walk, entry, depth);
    if (content?.bytes) await walkDirectory(walk, entry.path, content.bytes, entry.deleted, depth + 1);
  }
}

async function openSubdirectory(walk: Walk, entry: FsEntry, depth: number): Promise<DirectoryContent | undefined> {
  if (depth + 1 >= FAT_LIMITS.maxDepth) {
    entry.notes.push(`nested deeper than ${FAT_LIMITS.maxDepth} directories; not walked`);
    return undefined;
  }
  if (walk.walked.has(entry.firstCluster)) {
    entry.notes.push(`cluster ${entry.firstCluster} was already walked as a directory (a loop or a cross-link)`);
    return undefined;
  }
  const content = entry.deleted
    ? await readDeletedDirectory(walk.ctx, entry.firstCluster)
    : await readLiveDirectory(walk.ctx, entry.firstCluster);
  if (content.bytes) walk.walked.set(entry.firstCluster, entry.path);
  entry.byteRuns = content.runs;
  entry.confidence = content.runs.length === 0 ? 'unknown' : entry.deleted ? 'contiguous-free' : 'chain';
  entry.notes.push(...content.notes);
  return content;
}

/** An FsEntry from a named directory item, without runs yet (times read as UTC). */
export function baseEntry(item: DirItem, path: string, deleted: boolean): FsEntry {
  const e = item.entry;
  const isDirectory = (e.attributes & ATTR_DIRECTORY) !== 0;
  const entry: FsEntry = {
    path,
    name: item.name,
    shortName: item.shortName,
    isDirectory,
    deleted,
    size: isDirectory ? 0 : e.size,
    firstCluster: e.firstCluster,
    byteRuns: [],
    confidence: 'unknown',
    notes: [...item.notes],
  };
  const createdAt = fatDateTimeToIso(e.createDate, e.createTime, e.createTenths);
  const modifiedAt = fatDateTimeToIso(e.writeDate, e.writeTime);
  const accessedAt = fatDateToIso(e.accessDate);
  if (createdAt) entry.createdAt = createdAt;
  if (modifiedAt) entry.modifiedAt = modifiedAt;
  if (accessedAt) entry.accessedAt = accessedAt;
  return entry;
}
