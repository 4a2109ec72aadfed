import type { ByteRun, FileSystem, FsEntry, WalkOptions } from '../filesystem.js';
import { AllocationBitmap, rangesOf } from './allocation.js';
import type { BTree } from './btree.js';
import { catalogEntries } from './catalog-entries.js';
import { scanCatalog } from './catalog-scan.js';
import type { OverflowRecords } from './extents-overflow.js';
import { type HfsContext, toSourceRuns } from './hfs-context.js';
import { type JournalScan, scanJournal } from './journal-scan.js';
import type { VolumeHeader } from './volume-header.js';

/** What opening found: the trees, the bitmap, the label. */
export interface HfsVolume {
  ctx: HfsContext;
  catalog: BTree;
  extents?: BTree;
  overflow: Map<string, OverflowRecords>;
  bitmap: AllocationBitmap;
  label?: string;
}

/** An open HFS+ or HFSX volume (possibly inside an HFS wrapper). */
export class HfsPlusFileSystem implements FileSystem {
  readonly id = 'hfsplus';
  readonly clusterSize: number;
  readonly label: string | undefined;
  private walkNotes: readonly string[] = [];
  private journalScan?: JournalScan;

  constructor(
    private readonly volume: HfsVolume,
    private readonly openNotes: readonly string[],
  ) {
    this.clusterSize = volume.ctx.header.blockSize;
    this.label = volume.label;
  }

  /** Notes from opening, plus those of the last walk (damaged nodes, broken links). */
  get notes(): readonly string[] {
    return [...this.openNotes, ...this.walkNotes];
  }

  get header(): VolumeHeader {
    return this.volume.ctx.header;
  }

  /** Where the HFS+ volume starts in the source: 0, or the offset an HFS wrapper embeds it at. */
  get volumeOffset(): number {
    return this.volume.ctx.volumeOffset;
  }

  /**
   * Live entries from the catalog's leaves, then deleted files and folders whose records are left
   * in leaf free space or free nodes, then (on a journaled volume) those whose records only the
   * journal still holds, in copies of catalog leaves from earlier transactions. Names are NFC (the
   * disk holds them decomposed).
   */
  async entries(options: WalkOptions = {}): Promise<FsEntry[]> {
    const { catalog, ctx } = this.volume;
    const scan = await scanCatalog(catalog, ctx.header, options.signal);
    const journal = ctx.header.journaled ? await this.journal(options) : undefined;
    const entries = await catalogEntries(ctx, scan, this.volume.overflow, this.volume.bitmap, journal?.records);
    this.walkNotes = [...scan.notes, ...catalog.notes, ...(journal?.notes ?? []).map((n) => `journal: ${n}`)];
    return entries;
  }

  /**
   * What the journal holds (read once, then kept): its header, the block lists still in its
   * circular buffer, the catalog records in their copies of catalog leaves, and notes. A volume
   * without the journaled attribute gives a note and nothing else.
   */
  async journal(options: WalkOptions = {}): Promise<JournalScan> {
    if (!this.volume.ctx.header.journaled) return { lists: [], records: [], notes: ['the volume is not journaled'] };
    this.journalScan ??= await scanJournal(this.volume.ctx, this.volume.catalog, this.volume.overflow, options.signal);
    return this.journalScan;
  }

  freeRanges(options: WalkOptions = {}): Promise<ByteRun[]> {
    return this.ranges(true, options.signal);
  }

  /** Blocks the allocation file marks in use (the volume header's block and the special files included). */
  allocatedRanges(options: WalkOptions = {}): Promise<ByteRun[]> {
    return this.ranges(false, options.signal);
  }

  private async ranges(free: boolean, signal?: AbortSignal): Promise<ByteRun[]> {
    const { ctx, bitmap } = this.volume;
    return toSourceRuns(ctx, await rangesOf(bitmap, ctx.header, free, signal), []);
  }
}
