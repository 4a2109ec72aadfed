import { clusterOffset } from '../fat/fat-context.js';
import { DCF_FOLDER, ORPHAN_FOLDER, virtualFolder } from '../fat/orphan-entries.js';
import type { FsEntry, WalkOptions } from '../filesystem.js';
import { baseEntry } from './directory-walk.js';
import type { FileSet } from './entry-set.js';
import { EXFAT_LIMITS, type ExfatContext } from './exfat-context.js';
import { deletedRuns } from './file-runs.js';
import { linkOrphanDirectories } from './orphan-links.js';
import { scanFreeEntryClusters } from './orphan-scan.js';
import { type OrphanDirectory, readOrphanDirectories } from './orphan-tree.js';

interface Emitter {
  ctx: ExfatContext;
  dirs: ReadonlyMap<number, OrphanDirectory>;
  /** Directory clusters the walk from the root read, and the path it listed them under. */
  walked: ReadonlyMap<number, string>;
  emitted: Set<number>;
  origin: string;
  room: number;
  out: FsEntry[];
  signal?: AbortSignal;
  notes: string[];
}

/**
 * Directories left in free clusters that the walk from the root did not reach (after a quick
 * format, or when a deleted directory's own entry set was overwritten), as deleted entries under
 * /$OrphanFiles/: each tree under the name of the set that names its top directory, else 'DCIM'
 * when it holds camera (DCF) folders, else 'OrphanDir-<cluster>'.
 */
export async function exfatOrphanEntries(ctx: ExfatContext, walk: readonly FsEntry[], options: WalkOptions = {}): Promise<{ entries: FsEntry[]; notes: string[] }> {
  const { signal } = options;
  const walked = walkedDirectoryClusters(ctx, walk);
  const scan = await scanFreeEntryClusters(ctx, new Set(walked.keys()), signal);
  const read = await readOrphanDirectories(ctx, scan, new Set(walked.keys()), signal);
  const { dirs } = read;
  const notes = [...scan.notes, ...read.notes];
  if (dirs.size === 0) return { entries: [], notes };
  linkOrphanDirectories(dirs);
  const origin =
    walk.length === 0
      ? 'from a directory that survived a format (the root directory is empty now)'
      : 'from a directory no path from the root reaches (its own entry set was overwritten or lost)';
  const e: Emitter = { ctx, dirs, walked, emitted: new Set(), origin, room: EXFAT_LIMITS.maxEntries - walk.length, out: [virtualFolder()], notes, ...(signal ? { signal } : {}) };
  const names = new Set<string>();
  for (const top of [...dirs.values()].filter((d) => d.parent === undefined)) {
    const entry = topEntry(top, names);
    await emitDirectory(e, top, entry, 1);
  }
  notes.push(`${dirs.size} directories that no path from the root reaches were found in free clusters; listed under ${ORPHAN_FOLDER}`);
  return { entries: e.out, notes };
}

/** Every cluster the walk read as a directory (the root's first cluster included), with its path. */
function walkedDirectoryClusters(ctx: ExfatContext, walk: readonly FsEntry[]): Map<number, string> {
  const { geometry } = ctx;
  const clusters = new Map([[geometry.rootCluster, '/']]);
  for (const entry of walk.filter((e) => e.isDirectory)) {
    for (const run of entry.byteRuns.filter((r) => r.offset >= geometry.dataOffset)) {
      const first = Math.floor((run.offset - geometry.dataOffset) / geometry.clusterSize) + 2;
      for (let i = 0; i * geometry.clusterSize < run.length; i++) if (!clusters.has(first + i)) clusters.set(first + i, entry.path);
    }
  }
  return clusters;
}

function topEntry(dir: OrphanDirectory, names: Set<string>): FsEntry {
  const dcim = !dir.startLost && dir.sets.some((s) => s.isDirectory && DCF_FOLDER.test(s.name));
  const wanted = dir.namedBy?.name ?? (dcim ? 'DCIM' : `OrphanDir-${dir.cluster}`);
  const name = names.has(wanted) ? `${wanted}-${dir.cluster}` : wanted;
  names.add(name);
  const path = `${ORPHAN_FOLDER}/${name}`;
  const entry = dir.namedBy ? baseEntry(dir.namedBy, path, true) : bareDirectory(dir, path, name);
  if (dir.startLost) entry.notes.push('a cluster that starts inside an entry set: a later part of a directory whose start is lost');
  else if (!dir.namedBy) {
    entry.notes.push(`its own entry set is gone; ${dcim ? 'named DCIM because it holds camera (DCF) folders' : 'named after its first cluster'}`);
  }
  if (name !== wanted) entry.notes.push(`another top folder is named ${wanted}: its first cluster was added to the name`);
  return entry;
}

function bareDirectory(dir: OrphanDirectory, path: string, name: string): FsEntry {
  return { path, name, isDirectory: true, deleted: true, size: 0, firstCluster: dir.cluster, byteRuns: [], confidence: 'unknown', notes: [] };
}

async function emitDirectory(e: Emitter, dir: OrphanDirectory, entry: FsEntry, depth: number): Promise<void> {
  e.emitted.add(dir.cluster);
  Object.assign(entry, { byteRuns: dir.runs, confidence: 'contiguous-free' });
  entry.notes.push(e.origin, ...dir.notes);
  if (dir.skipped > 0) entry.notes.push(`skipped ${dir.skipped} entries that belong to no readable set`);
  if (!push(e, entry)) return;
  if (depth >= EXFAT_LIMITS.maxDepth) return void entry.notes.push(`nested deeper than ${EXFAT_LIMITS.maxDepth} directories; not walked`);
  for (const set of dir.sets) {
    e.signal?.throwIfAborted();
    const child = baseEntry(set, `${entry.path}/${set.name}`, true);
    if (set.deleted) child.notes.push('its own entry set was already marked deleted');
    const sub = e.dirs.get(set.firstCluster);
    if (set.isDirectory && sub?.namedBy === set && sub.parent === dir.cluster && !e.emitted.has(sub.cluster)) {
      await emitDirectory(e, sub, child, depth + 1);
      continue;
    }
    child.notes.push(e.origin);
    if (set.isDirectory) child.notes.push(await whyNotWalked(e, set.firstCluster));
    else await addRuns(e, child, set);
    if (!push(e, child)) return;
  }
}

/** NoFatChain: contiguous from the first cluster. A FAT chain is gone with the format: the free clusters from the first on. */
async function addRuns(e: Emitter, entry: FsEntry, set: FileSet): Promise<void> {
  const runs = await deletedRuns(e.ctx, { firstCluster: set.firstCluster, length: set.validDataLength, noFatChain: set.noFatChain });
  Object.assign(entry, { byteRuns: runs.byteRuns, confidence: runs.confidence });
  entry.notes.push(...runs.notes);
}

async function whyNotWalked(e: Emitter, cluster: number): Promise<string> {
  const path = e.walked.get(cluster);
  if (path !== undefined) return `cluster ${cluster} is the directory ${path}, listed there`;
  if (e.dirs.has(cluster)) return `directory cluster ${cluster} is listed elsewhere under ${ORPHAN_FOLDER}`;
  if (cluster < 2 || cluster > e.ctx.geometry.maxCluster) return `first cluster ${cluster} is outside 2–${e.ctx.geometry.maxCluster}`;
  if (await e.ctx.bitmap.isAllocated(cluster)) return `first cluster ${cluster} is in use again; the directory cannot be walked`;
  const offset = clusterOffset(e.ctx.geometry, cluster);
  if (offset >= e.ctx.source.size) return `cluster ${cluster} lies past the end of ${e.ctx.source.label}`;
  if ((await e.ctx.source.read(offset, 1))[0] === 0) return `cluster ${cluster} holds no entries: an empty folder, or its entries are gone`;
  return `cluster ${cluster} no longer holds this directory`;
}

function push(e: Emitter, entry: FsEntry): boolean {
  if (e.out.length >= e.room) {
    if (!e.notes.some((n) => n.startsWith('stopped after'))) e.notes.push(`stopped after ${EXFAT_LIMITS.maxEntries} entries`);
    return false;
  }
  e.out.push(entry);
  return true;
}
