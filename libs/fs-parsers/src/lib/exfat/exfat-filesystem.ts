import { TruncatedError } from '../errors.js';
import { spansToRuns } from '../fat/allocation.js';
import { FatTable } from '../fat/fat-table.js';
import { EXFAT_FAT } from '../fat/variants.js';
import type { ByteRun, FileSystem, FsEntry, OpenOptions, WalkOptions } from '../filesystem.js';
import type { ByteSource } from '../source/byte-source.js';
import { AllocationBitmap } from './allocation-bitmap.js';
import { readBootRegion } from './boot-region.js';
import type { ExfatGeometry } from './boot-sector.js';
import { walkExfat } from './directory-walk.js';
import type { ExfatContext } from './exfat-context.js';
import { exfatOrphanEntries } from './orphan-entries.js';
import { noteSharedRuns } from './shared-runs.js';
import { readSystemFiles } from './system-files.js';

/** An open exFAT volume. */
export class ExfatFileSystem implements FileSystem {
  readonly id = 'exfat';
  readonly clusterSize: number;
  private walkNotes: readonly string[] = [];

  constructor(
    private readonly ctx: ExfatContext,
    readonly label: string | undefined,
    private readonly openNotes: readonly string[],
  ) {
    this.clusterSize = ctx.geometry.clusterSize;
  }

  /** Notes from opening (boot region, bitmap, up-case table), plus those of the last walk, each once. */
  get notes(): readonly string[] {
    return [...new Set([...this.openNotes, ...this.walkNotes])];
  }

  get geometry(): ExfatGeometry {
    return this.ctx.geometry;
  }

  /**
   * The walk from the root, then (unless `orphans: false`) the directories left in free clusters
   * that it did not reach, under /$OrphanFiles/: this reads every free cluster once, sequentially.
   */
  async entries(options?: WalkOptions): Promise<FsEntry[]> {
    const { entries, notes } = await walkExfat(this.ctx, options);
    if (options?.orphans !== false) {
      const orphans = await exfatOrphanEntries(this.ctx, entries, options);
      entries.push(...orphans.entries);
      notes.push(...orphans.notes);
    }
    noteSharedRuns(entries);
    this.walkNotes = notes;
    return entries;
  }

  /** Clusters the allocation bitmap calls free (exFAT keeps allocation there, not in the FAT). */
  freeRanges(options?: WalkOptions): Promise<ByteRun[]> {
    const { geometry, bitmap, source } = this.ctx;
    return spansToRuns(geometry, bitmap.spans(options?.signal), true, [], source.size);
  }

  /** The boot regions, FATs and everything up to the cluster heap, plus the clusters in use. */
  allocatedRanges(options?: WalkOptions): Promise<ByteRun[]> {
    const { geometry, bitmap, source } = this.ctx;
    const systemArea = [{ offset: 0, length: Math.min(geometry.dataOffset, source.size) }];
    return spansToRuns(geometry, bitmap.spans(options?.signal), false, systemArea, source.size);
  }
}

/**
 * Opens an exFAT volume as named steps: the boot region (main, or the backup when the main is
 * damaged), a FAT that fits the source, the volume flags, then the root's system entries (label,
 * allocation bitmap, up-case table).
 */
export async function openExfat(source: ByteSource, options: OpenOptions = {}): Promise<ExfatFileSystem> {
  options.signal?.throwIfAborted();
  const boot = await readBootRegion(source);
  const { geometry } = boot;
  const notes = [...boot.notes];
  requireFat(geometry, source);
  noteShortVolume(geometry, source, notes);
  noteVolumeFlags(geometry, boot.which, notes);
  const table = new FatTable(source, geometry, EXFAT_FAT);
  const system = await readSystemFiles({ source, geometry, table, bitmap: new AllocationBitmap(source, undefined, geometry.clusterCount) });
  notes.push(...system.notes);
  const ctx: ExfatContext = { source, geometry, table, bitmap: system.bitmap, ...(system.upcase ? { upcase: system.upcase } : {}) };
  return new ExfatFileSystem(ctx, system.label, notes);
}

function requireFat(geometry: ExfatGeometry, source: ByteSource): void {
  const end = geometry.fatOffset + geometry.fatBytes;
  if (end > source.size) throw new TruncatedError(`the FAT ends at byte ${end} but ${source.label} holds ${source.size} bytes`);
}

function noteShortVolume(geometry: ExfatGeometry, source: ByteSource, notes: string[]): void {
  const heapEnd = geometry.dataOffset + geometry.clusterCount * geometry.clusterSize;
  if (heapEnd > source.size) {
    notes.push(`the cluster heap ends at byte ${heapEnd} but ${source.label} holds ${source.size}: clusters past the end are unreadable`);
  }
}

function noteVolumeFlags(geometry: ExfatGeometry, which: 'main' | 'backup', notes: string[]): void {
  if (which === 'backup') return; // the backup's flags are as old as the format
  if (geometry.volumeFlags & 0x02) notes.push('the volume is marked dirty: it was not cleanly unmounted');
  if (geometry.volumeFlags & 0x04) notes.push('the volume is marked as having had media failures');
}
