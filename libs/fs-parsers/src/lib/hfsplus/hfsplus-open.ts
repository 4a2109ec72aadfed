import { CorruptError, TruncatedError } from '../errors.js';
import type { OpenOptions } from '../filesystem.js';
import { type ByteSource, readExact } from '../source/byte-source.js';
import { sliceSource } from '../source/slice-source.js';
import { AllocationBitmap } from './allocation.js';
import { BTree } from './btree.js';
import { parseCatalogRecord } from './catalog-record.js';
import { DATA_FORK, type OverflowRecords, forkExtents, readOverflowExtents } from './extents-overflow.js';
import { ForkReader } from './fork-reader.js';
import { parseHfsWrapper } from './hfs-wrapper.js';
import { type HfsContext, extentRuns } from './hfs-context.js';
import { HfsPlusFileSystem } from './hfsplus-filesystem.js';
import { displayName } from './unicode-name.js';
import { type ForkData, parseVolumeHeader } from './volume-header.js';

const CATALOG_ID = 4;
const ALLOCATION_ID = 6;

/**
 * Opens HFS+ or HFSX as named steps: find the volume (inside an HFS wrapper if there is one), read
 * its header, open the extents overflow tree, then the catalog and the allocation file through
 * their extents (overflow included), read the volume name.
 */
export async function openHfsPlus(source: ByteSource, options: OpenOptions = {}): Promise<HfsPlusFileSystem> {
  options.signal?.throwIfAborted();
  const notes: string[] = [];
  const { volume, volumeOffset } = await findVolume(source, notes);
  const header = parseVolumeHeader(await readExact(volume, 1024, 512, 'HFS+ volume header'));
  const ctx: HfsContext = { source, volume, volumeOffset, header };
  const claimed = header.totalBlocks * header.blockSize;
  if (claimed > volume.size) notes.push(`the volume claims ${claimed} bytes but ${source.label} holds ${volume.size}: blocks past the end are unreadable`);
  notes.push('the volume header create date is local time (TN1150), shown as if UTC');

  const extents = await openTree(ctx, 'extents overflow file', header.forks.extents, undefined, notes);
  const overflow = await readOverflowExtents(extents, options.signal);
  const catalog = await openTree(ctx, 'catalog file', header.forks.catalog, overflow.get(`${DATA_FORK}:${CATALOG_ID}`), notes);
  if (!catalog) throw new CorruptError('the volume has no catalog file');
  const allocationFork = header.forks.allocation;
  const allocationReader = allocationFork.logicalSize > 0 ? forkReader(ctx, 'allocation file', allocationFork, overflow.get(`${DATA_FORK}:${ALLOCATION_ID}`), notes) : undefined;
  if (!allocationReader) notes.push('the volume has no allocation file: every block counts as in use');
  const bitmap = new AllocationBitmap(allocationReader, header, notes);
  const label = await volumeName(catalog);
  return new HfsPlusFileSystem({ ctx, catalog, ...(extents ? { extents } : {}), overflow, bitmap, ...(label ? { label } : {}) }, notes);
}

async function findVolume(source: ByteSource, notes: string[]): Promise<{ volume: ByteSource; volumeOffset: number }> {
  const embedded = parseHfsWrapper(await readExact(source, 1024, 512, 'volume header'));
  if (!embedded) return { volume: source, volumeOffset: 0 };
  if (embedded.offset + 1536 > source.size) throw new TruncatedError(`the HFS wrapper's HFS+ volume at byte ${embedded.offset} lies past the end of ${source.label}`);
  const length = Math.min(embedded.length, source.size - embedded.offset);
  if (length < embedded.length) notes.push(`the HFS wrapper embeds ${embedded.length} bytes but ${source.label} ends after ${length}`);
  notes.push(`HFS+ volume embedded in an HFS wrapper at byte ${embedded.offset}`);
  return { volume: sliceSource(source, embedded.offset, length, `${source.label} (embedded HFS+)`), volumeOffset: embedded.offset };
}

function forkReader(ctx: HfsContext, name: string, fork: ForkData, overflow: OverflowRecords | undefined, notes: string[]): ForkReader {
  const forkNotes: string[] = [];
  const extents = forkExtents(fork.extents, fork.totalBlocks, overflow, forkNotes);
  const runs = extentRuns(ctx.header, extents, fork.logicalSize, forkNotes);
  const usable = runs.map((r) => ({ offset: r.offset, length: Math.max(0, Math.min(r.length, ctx.volume.size - r.offset)) }));
  if (usable.some((r, i) => r.length < (runs[i]?.length ?? 0))) forkNotes.push('part of it lies past the end of the image');
  notes.push(...forkNotes.map((n) => `${name}: ${n}`));
  return new ForkReader(ctx.volume, usable.filter((r) => r.length > 0), name);
}

async function openTree(ctx: HfsContext, name: string, fork: ForkData, overflow: OverflowRecords | undefined, notes: string[]): Promise<BTree | undefined> {
  if (fork.logicalSize === 0) return undefined;
  return BTree.open(forkReader(ctx, name, fork, overflow, notes));
}

/** The root folder's name: in its folder record (key: parent 1) or its thread record (key: ID 2). */
async function volumeName(catalog: BTree): Promise<string | undefined> {
  const first = await catalog.node(catalog.header.firstLeafNode).catch(() => undefined);
  for (const { start, end } of first?.records ?? []) {
    const record = parseCatalogRecord(first?.bytes as Buffer, start, end);
    if (record?.type === 'folder' && record.id === 2) return displayName(record.key.rawName);
    if (record?.type === 'thread' && record.key.parentID === 2) return displayName(record.rawName);
  }
  return undefined;
}
