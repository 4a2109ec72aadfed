import type { FsEntry, WalkOptions } from '../filesystem.js';
import { ATTR_DIRECTORY } from './dir-entry.js';
import { type FatWalk, baseEntry } from './directory-walk.js';
import { FAT_LIMITS, type FatContext } from './fat-context.js';
import { deletedFileRuns } from './file-runs.js';
import { scanFreeDirectoryClusters } from './orphan-scan.js';
import { linkOrphans } from './orphan-links.js';
import { type OrphanDirectory, readOrphanDirectories } from './orphan-tree.js';

/** The Sleuth Kit's name for the virtual folder that holds what no path from the root reaches. */
export const ORPHAN_FOLDER = '/$OrphanFiles';
/** DCF (camera) folder names: 100–999 and five characters, e.g. 100CANON, 101MSDCF. */
export const DCF_FOLDER = /^[1-9][0-9]{2}[0-9A-Z_]{5}$/i;

interface Emitter {
  ctx: FatContext;
  walk: FatWalk;
  dirs: ReadonlyMap<number, OrphanDirectory>;
  children: Map<number, OrphanDirectory[]>;
  emitted: Set<number>;
  origin: string;
  out: FsEntry[];
  signal?: AbortSignal;
  notes: string[];
}

/**
 * Directories left in free clusters that the walk from the root did not reach (after a quick
 * format, or when a deleted directory's own entry was overwritten), as deleted entries under
 * /$OrphanFiles/: each tree under the name its top directory's entry gave it, else 'DCIM' when it
 * holds camera folders and hung off the root, else 'OrphanDir-<cluster>'.
 */
export async function orphanEntries(ctx: FatContext, walk: FatWalk, options: WalkOptions = {}): Promise<{ entries: FsEntry[]; notes: string[] }> {
  const { signal } = options;
  const scan = await scanFreeDirectoryClusters(ctx, signal);
  const dirs = await readOrphanDirectories(ctx, scan, walkedClusters(ctx, walk), signal);
  if (dirs.size === 0) return { entries: [], notes: scan.notes };
  linkOrphans(dirs);
  const children = new Map<number, OrphanDirectory[]>();
  for (const dir of dirs.values()) if (dir.parent !== undefined) children.set(dir.parent, [...(children.get(dir.parent) ?? []), dir]);
  const origin =
    walk.entries.length === 0
      ? 'from a directory that survived a format (the root directory is empty now)'
      : 'from a directory no path from the root reaches (its own entry was overwritten or lost)';
  const e: Emitter = { ctx, walk, dirs, children, emitted: new Set(), origin, out: [], notes: [...scan.notes], ...(signal ? { signal } : {}) };
  e.out.push(virtualFolder());
  for (const top of [...dirs.values()].filter((d) => d.parent === undefined).sort((a, b) => a.cluster - b.cluster)) {
    const entry = topEntry(e, top);
    await emitDirectory(e, top, entry, 1);
  }
  e.notes.push(`${dirs.size} directories that no path from the root reaches were found in free clusters; listed under ${ORPHAN_FOLDER}`);
  return { entries: e.out, notes: e.notes };
}

/** Every cluster the walk from the root read as a directory (the FAT32 root included). */
function walkedClusters(ctx: FatContext, walk: FatWalk): Set<number> {
  const { dataOffset, clusterSize } = ctx.geometry;
  const clusters = new Set(walk.walked.keys());
  for (const entry of walk.entries.filter((e) => e.isDirectory)) {
    for (const run of entry.byteRuns.filter((r) => r.offset >= dataOffset)) {
      const first = (run.offset - dataOffset) / clusterSize + 2;
      for (let i = 0; i * clusterSize < run.length; i++) clusters.add(first + i);
    }
  }
  return clusters;
}

export function virtualFolder(): FsEntry {
  const note = 'virtual folder: directories found in free clusters that no path from the root reaches, with their content';
  return { path: ORPHAN_FOLDER, name: ORPHAN_FOLDER.slice(1), isDirectory: true, deleted: true, size: 0, firstCluster: 0, byteRuns: [], confidence: 'unknown', notes: [note] };
}

function topEntry(e: Emitter, dir: OrphanDirectory): FsEntry {
  const dcim = dir.dotParent === 0 && dir.items.some((i) => (i.entry.attributes & ATTR_DIRECTORY) !== 0 && DCF_FOLDER.test(i.name));
  const name = dir.namedBy?.name ?? (dcim ? 'DCIM' : `OrphanDir-${dir.cluster}`);
  const entry = namedEntry(dir, `${ORPHAN_FOLDER}/${name}`, name);
  if (dir.dotParent === undefined) {
    entry.notes.push("a cluster of directory entries without '.' and '..': a later part of a directory whose start is lost");
    return entry;
  }
  if (!dir.namedBy) entry.notes.push(dcim ? 'its own entry is gone; named DCIM because it holds camera (DCF) folders' : 'its own entry is gone; named after its first cluster');
  const above = dir.dotParent === 0 ? 'the root directory' : (e.walk.walked.get(dir.dotParent) ?? `cluster ${dir.dotParent}, which holds no directory now`);
  entry.notes.push(`its '..' entry points to ${above}`);
  return entry;
}

/** From the entry that names the directory, else its '.' entry (the directory's own times), else bare. */
function namedEntry(dir: OrphanDirectory, path: string, name: string): FsEntry {
  if (dir.namedBy) return baseEntry(dir.namedBy, path, true);
  if (dir.dot) {
    const { shortName: _placeholder, ...entry } = baseEntry({ entry: dir.dot, name, shortName: name, notes: [] }, path, true);
    return entry;
  }
  return { path, name, isDirectory: true, deleted: true, size: 0, firstCluster: dir.cluster, byteRuns: [], confidence: 'unknown', notes: [] };
}

async function emitDirectory(e: Emitter, dir: OrphanDirectory, entry: FsEntry, depth: number): Promise<void> {
  e.emitted.add(dir.cluster);
  Object.assign(entry, { byteRuns: dir.runs, confidence: 'contiguous-free' });
  entry.notes.push(e.origin, ...dir.notes);
  if (dir.implausible > 0) entry.notes.push(`skipped ${dir.implausible} entries that are not valid`);
  if (!push(e, entry)) return;
  if (depth >= FAT_LIMITS.maxDepth) return void entry.notes.push(`nested deeper than ${FAT_LIMITS.maxDepth} directories; not walked`);
  for (const item of dir.items) {
    e.signal?.throwIfAborted();
    const child = baseEntry(item, `${entry.path}/${item.name}`, true);
    if (item.entry.deleted) child.notes.push('its own entry was already marked deleted');
    const sub = e.dirs.get(child.firstCluster);
    if (child.isDirectory && sub?.namedBy === item && sub.parent === dir.cluster && !e.emitted.has(sub.cluster)) {
      await emitDirectory(e, sub, child, depth + 1);
      continue;
    }
    child.notes.push(e.origin);
    if (child.isDirectory) child.notes.push(await whyNotWalked(e, child.firstCluster));
    else Object.assign(child, await runsOf(e, child));
    if (!push(e, child)) return;
  }
  for (const sub of e.children.get(dir.cluster) ?? []) {
    if (sub.namedBy || e.emitted.has(sub.cluster)) continue;
    const name = `OrphanDir-${sub.cluster}`;
    const child = namedEntry(sub, `${entry.path}/${name}`, name);
    child.notes.push(`no entry in ${entry.path} names it, but its '..' entry points there`);
    await emitDirectory(e, sub, child, depth + 1);
  }
}

async function runsOf(e: Emitter, entry: FsEntry): Promise<Pick<FsEntry, 'byteRuns' | 'confidence' | 'notes'>> {
  const runs = await deletedFileRuns(e.ctx, entry.firstCluster, entry.size);
  return { byteRuns: runs.byteRuns, confidence: runs.confidence, notes: [...entry.notes, ...runs.notes] };
}

async function whyNotWalked(e: Emitter, cluster: number): Promise<string> {
  const path = e.walk.walked.get(cluster);
  if (path !== undefined) return `cluster ${cluster} is the directory ${path}, listed there`;
  if (e.dirs.has(cluster)) return `directory cluster ${cluster} is listed elsewhere under ${ORPHAN_FOLDER}`;
  if (!e.ctx.table.inRange(cluster)) return `first cluster ${cluster} is outside 2–${e.ctx.geometry.maxCluster}`;
  if (!(await e.ctx.table.isFree(cluster))) return `first cluster ${cluster} is in use again; the directory cannot be walked`;
  return `cluster ${cluster} no longer holds this directory`;
}

function push(e: Emitter, entry: FsEntry): boolean {
  if (e.walk.entries.length + e.out.length >= FAT_LIMITS.maxEntries) {
    if (!e.notes.some((n) => n.startsWith('stopped after'))) e.notes.push(`stopped after ${FAT_LIMITS.maxEntries} entries`);
    return false;
  }
  e.out.push(entry);
  return true;
}
