import type { FsEntry } from '../filesystem.js';
import type { AllocationBitmap } from './allocation.js';
import type { CatalogScan, LeftoverRecord } from './catalog-scan.js';
import { CatalogPaths } from './catalog-paths.js';
import type { CatalogRecord } from './catalog-record.js';
import { type HfsContext, extentRuns, toSourceRuns } from './hfs-context.js';
import { DATA_FORK, type OverflowRecords, forkExtents } from './extents-overflow.js';
import type { JournalRecord } from './journal-catalog.js';
import { displayName } from './unicode-name.js';

type FileRecord = Extract<CatalogRecord, { type: 'file' }>;
type FolderRecord = Extract<CatalogRecord, { type: 'folder' }>;
export const ORPHANS = '/$OrphanFiles';

/**
 * Entries from a catalog scan: every live folder and file, then deleted ones from leftovers whose
 * IDs are no longer live (a leftover with a live ID is a stale copy the B-tree code left behind),
 * then from journaled copies of catalog leaves (`journal`: the newest copy of each record) whose IDs
 * are neither live nor already found in the catalog; each ID once. Sorted by path, so folders come
 * before their content.
 */
export async function catalogEntries(
  ctx: HfsContext,
  scan: CatalogScan,
  overflow: Map<string, OverflowRecords>,
  bitmap: AllocationBitmap,
  journal: readonly JournalRecord[] = [],
): Promise<FsEntry[]> {
  const paths = new CatalogPaths();
  for (const record of scan.live) paths.add(record, false);
  const liveIds = new Set(scan.live.flatMap((r) => (r.type === 'thread' ? [] : [r.id])));
  const deleted = new Map<number, LeftoverRecord>();
  for (const leftover of scan.leftovers) {
    const r = leftover.record;
    if (r.type === 'thread' ? liveIds.has(r.key.parentID) : liveIds.has(r.id)) continue;
    paths.add(r, true);
    if (r.type !== 'thread' && !deleted.has(r.id)) deleted.set(r.id, leftover);
  }
  const fromJournal = journal.filter(({ record: r }) => !(r.type === 'thread' ? liveIds.has(r.key.parentID) : liveIds.has(r.id) || deleted.has(r.id)));
  for (const { record } of fromJournal) paths.add(record, true);
  const entries: FsEntry[] = [];
  for (const record of scan.live) {
    if (record.type === 'folder' && record.id !== 2) entries.push(folderEntry(record, paths, false, []));
    if (record.type === 'file') entries.push(await fileEntry(ctx, record, paths, overflow, false, []));
  }
  for (const { record, node, offset, where } of deleted.values()) {
    const notes = [`found in catalog ${where}: node ${node}, byte ${offset}`];
    if (record.type === 'folder') entries.push(folderEntry(record, paths, true, notes));
    if (record.type === 'file') entries.push(await deletedFileEntry(ctx, record, paths, overflow, bitmap, notes));
  }
  for (const found of fromJournal) {
    const { record, node, list, copies } = found;
    if (record.type === 'thread') continue;
    const notes = [`found in the journal: a copy of catalog node ${node} in the block list at journal byte ${list.offset} (sequence ${list.sequence})`];
    if (copies > 1) notes.push(`the journal holds ${copies} copies of its record; the newest is used`);
    if (record.type === 'folder') entries.push(folderEntry(record, paths, true, notes));
    else entries.push(await journalFileEntry(ctx, record, paths, bitmap, notes));
  }
  return entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : Number(a.deleted) - Number(b.deleted)));
}

function entryPath(record: FileRecord | FolderRecord, paths: CatalogPaths, notes: string[]): { path: string; deletedParent: boolean } {
  const name = displayName(record.key.rawName);
  const parent = paths.folderPath(record.key.parentID);
  if (parent) return { path: `${parent.path}/${name}`, deletedParent: parent.deleted };
  notes.push(`its folder (ID ${record.key.parentID}) is unknown: listed under ${ORPHANS}`);
  return { path: `${ORPHANS}/${name}`, deletedParent: false };
}

function folderEntry(record: FolderRecord, paths: CatalogPaths, deleted: boolean, notes: string[]): FsEntry {
  const { path, deletedParent } = entryPath(record, paths, notes);
  return base(record, path, true, deleted || deletedParent, 0, notes);
}

async function fileEntry(
  ctx: HfsContext,
  record: FileRecord,
  paths: CatalogPaths,
  overflow: Map<string, OverflowRecords>,
  deleted: boolean,
  notes: string[],
): Promise<FsEntry> {
  const { path, deletedParent } = entryPath(record, paths, notes);
  const fork = record.dataFork;
  const extents = forkExtents(fork.extents, fork.totalBlocks, overflow.get(`${DATA_FORK}:${record.id}`), notes);
  const runs = toSourceRuns(ctx, extentRuns(ctx.header, extents, fork.logicalSize, notes), notes);
  const held = runs.reduce((sum, r) => sum + r.length, 0);
  if (held < fork.logicalSize) notes.push(`only ${held} of its ${fork.logicalSize} bytes have known blocks`);
  if (record.resourceFork.logicalSize > 0) notes.push(`it has a ${record.resourceFork.logicalSize}-byte resource fork, not listed`);
  const entry = base(record, path, false, deleted || deletedParent, fork.logicalSize, notes);
  entry.firstCluster = extents[0]?.startBlock ?? 0;
  entry.byteRuns = runs;
  entry.confidence = held === fork.logicalSize ? 'chain' : 'unknown';
  return entry;
}

async function deletedFileEntry(
  ctx: HfsContext,
  record: FileRecord,
  paths: CatalogPaths,
  overflow: Map<string, OverflowRecords>,
  bitmap: AllocationBitmap,
  notes: string[],
): Promise<FsEntry> {
  const entry = await fileEntry(ctx, record, paths, overflow, true, notes);
  const extents = forkExtents(record.dataFork.extents, record.dataFork.totalBlocks, overflow.get(`${DATA_FORK}:${record.id}`), []);
  if (!(await bitmap.allFree(extents))) {
    notes.push('some of its blocks are in use again: its content is gone or mixed with another file');
    entry.byteRuns = [];
    entry.confidence = 'unknown';
  } else if (entry.confidence === 'chain') entry.confidence = 'contiguous-free';
  return entry;
}

/**
 * A deleted file known from the journal: its record holds 8 extents at most, and its records in the
 * extents overflow file (for a more fragmented file) are gone with it, so only those 8 are known.
 */
async function journalFileEntry(ctx: HfsContext, record: FileRecord, paths: CatalogPaths, bitmap: AllocationBitmap, notes: string[]): Promise<FsEntry> {
  const fork = record.dataFork;
  const inline = fork.extents.reduce((sum, e) => sum + e.blockCount, 0);
  const entry = await deletedFileEntry(ctx, record, paths, new Map(), bitmap, notes);
  if (fork.totalBlocks > inline) {
    // Said here instead of forkExtents' "not in the extents overflow file": they were, until the deletion.
    entry.notes = notes.map((n) => (n.startsWith('extents cover') ? `its record lists ${fork.extents.length} extents holding ${inline} of its ${fork.totalBlocks} blocks; the rest were in the extents overflow file, which keeps nothing of a deleted file` : n));
  }
  return entry;
}

function base(record: FileRecord | FolderRecord, path: string, isDirectory: boolean, deleted: boolean, size: number, notes: string[]): FsEntry {
  return {
    path,
    name: displayName(record.key.rawName),
    isDirectory,
    deleted,
    size,
    firstCluster: 0,
    ...(record.createdAt ? { createdAt: record.createdAt } : {}),
    ...(record.modifiedAt ? { modifiedAt: record.modifiedAt } : {}),
    ...(record.accessedAt ? { accessedAt: record.accessedAt } : {}),
    byteRuns: [],
    confidence: isDirectory ? 'chain' : 'unknown',
    notes,
  };
}
