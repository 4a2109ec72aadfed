import type { FsEntry, WalkOptions } from '../filesystem.js';
import { parseExfatDirectory } from './dir-parse.js';
import { readRootDirectory, readSubdirectory } from './directory-reader.js';
import type { FileSet } from './entry-set.js';
import { EXFAT_LIMITS, type ExfatContext } from './exfat-context.js';
import { exfatTimestampToIso } from './exfat-time.js';
import { deletedRuns, liveRuns } from './file-runs.js';

interface Walk {
  ctx: ExfatContext;
  out: FsEntry[];
  /** First clusters of directories already walked: one met twice (a loop, a cross-link) is not walked again. */
  walked: Set<number>;
  signal?: AbortSignal;
  notes: string[];
}

/** Walks the tree from the root, live and deleted, each directory before its content. */
export async function walkExfat(ctx: ExfatContext, options: WalkOptions = {}): Promise<{ entries: FsEntry[]; notes: string[] }> {
  const walk: Walk = { ctx, out: [], walked: new Set([ctx.geometry.rootCluster]), notes: [] };
  if (options.signal) walk.signal = options.signal;
  walk.signal?.throwIfAborted();
  const root = await readRootDirectory(ctx);
  walk.notes.push(...root.notes.map((note) => `root directory: ${note}`));
  if (root.bytes) await walkDirectory(walk, '', root.bytes, false, 0);
  return { entries: walk.out, notes: walk.notes };
}

async function walkDirectory(walk: Walk, path: string, bytes: Buffer, insideDeleted: boolean, depth: number): Promise<void> {
  const parsed = parseExfatDirectory(bytes, walk.ctx.upcase);
  if (parsed.skipped > 0) walk.notes.push(`${path || '/'}: skipped ${parsed.skipped} entries that belong to no file`);
  for (const set of parsed.sets) {
    walk.signal?.throwIfAborted();
    if (walk.out.length >= EXFAT_LIMITS.maxEntries) {
      walk.notes.push(`stopped after ${EXFAT_LIMITS.maxEntries} entries`);
      return;
    }
    const entry = baseEntry(set, `${path}/${set.name}`, insideDeleted || set.deleted);
    walk.out.push(entry);
    const extent = { firstCluster: set.firstCluster, length: set.validDataLength, noFatChain: set.noFatChain };
    if (!set.isDirectory) {
      const runs = entry.deleted ? await deletedRuns(walk.ctx, extent) : await liveRuns(walk.ctx, extent);
      Object.assign(entry, { byteRuns: runs.byteRuns, confidence: runs.confidence });
      entry.notes.push(...runs.notes);
      continue;
    }
    const content = await openSubdirectory(walk, entry, { ...extent, length: set.dataLength }, depth);
    if (content) await walkDirectory(walk, entry.path, content, entry.deleted, depth + 1);
  }
}

async function openSubdirectory(walk: Walk, entry: FsEntry, extent: Parameters<typeof readSubdirectory>[1], depth: number) {
  if (depth + 1 >= EXFAT_LIMITS.maxDepth) {
    entry.notes.push(`nested deeper than ${EXFAT_LIMITS.maxDepth} directories; not walked`);
    return undefined;
  }
  if (walk.walked.has(entry.firstCluster)) {
    entry.notes.push(`cluster ${entry.firstCluster} was already walked as a directory (a loop or a cross-link)`);
    return undefined;
  }
  const content = await readSubdirectory(walk.ctx, extent, entry.deleted);
  if (content.bytes) walk.walked.add(entry.firstCluster);
  Object.assign(entry, { byteRuns: content.runs, confidence: content.confidence });
  entry.notes.push(...content.notes);
  return content.bytes;
}

/** An FsEntry from a File set, without runs yet. Sizes are DataLength; times are UTC. */
export function baseEntry(set: FileSet, path: string, deleted: boolean): FsEntry {
  const entry: FsEntry = {
    path,
    name: set.name,
    isDirectory: set.isDirectory,
    deleted,
    size: set.isDirectory ? 0 : set.dataLength,
    firstCluster: set.firstCluster,
    byteRuns: [],
    confidence: 'unknown',
    notes: [...set.notes],
  };
  const createdAt = exfatTimestampToIso(set.created);
  const modifiedAt = exfatTimestampToIso(set.modified);
  const accessedAt = exfatTimestampToIso(set.accessed);
  if (createdAt) entry.createdAt = createdAt;
  if (modifiedAt) entry.modifiedAt = modifiedAt;
  if (accessedAt) entry.accessedAt = accessedAt;
  if (!set.isDirectory && set.validDataLength < set.dataLength) {
    entry.notes.push(
      `only the first ${set.validDataLength} of ${set.dataLength} bytes were written (ValidDataLength): ` +
        'the rest reads as zeros, is not file content, and is left out of the byte runs',
    );
  }
  return entry;
}
