import type { ByteRun, FileSystem, FsEntry, WalkOptions } from '../filesystem.js';
import { AllocationBitmap, rangesOf } from './allocation.js';
import type { BTree } from './btree.js';
import { catalogEntries } from './catalog-entries.js';
import { scanCatalog } from './catalog-scan.js';
import type { OverflowRecords } from './extents-overflow.js';
import { type HfsContext, toSourceRuns } from './hfs-context.js';
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
   * in leaf free space or free nodes. Names are NFC (the disk holds them decomposed).
   */
  async entries(options: WalkOptions = {}): Promise<FsEntry[]> {
    const { catalog, ctx } = this.volume;
    const scan = await scanCatalog(catalog, ctx.header, options.signal);
    const entries = await catalogEntries(ctx, scan, this.volume.overflow, this.volume.bitmap);
    this.walkNotes = [...scan.notes, ...catalog.notes];
    return entries;
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
