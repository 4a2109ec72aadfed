import { TruncatedError, UnsupportedError } from '../errors.js';
import type { ByteRun, FileSystem, FsEntry, OpenOptions, RunCandidate, WalkOptions } from '../filesystem.js';
import { type ByteSource, readExact } from '../source/byte-source.js';
import { allocatedRanges, freeRanges } from './allocation.js';
import { type FatGeometry, parseFatBootSector } from './boot-sector.js';
import { parseDirectory } from './dir-parse.js';
import { readRootDirectory } from './directory-reader.js';
import { walkFat } from './directory-walk.js';
import type { FatContext } from './fat-context.js';
import { FatTable } from './fat-table.js';
import type { FatVariant } from './variants.js';
import { inferLostFirstLetters } from './infer-first-letter.js';
import { orphanEntries } from './orphan-entries.js';
import { runCandidates } from './run-candidates.js';

/** An open FAT12/16/32 volume. */
export class FatFileSystem implements FileSystem {
  readonly id: string;
  readonly clusterSize: number;

  private walkNotes: readonly string[] = [];

  constructor(
    private readonly ctx: FatContext,
    readonly label: string | undefined,
    private readonly openNotes: readonly string[],
  ) {
    this.id = ctx.variant.id;
    this.clusterSize = ctx.geometry.clusterSize;
  }

  /** Notes from opening, plus those of the last walk (limits reached, garbage entries skipped). */
  get notes(): readonly string[] {
    return [...this.openNotes, ...this.walkNotes];
  }

  get geometry(): FatGeometry {
    return this.ctx.geometry;
  }

  /**
   * The walk from the root, then (unless `orphans: false`) the directories left in free clusters
   * that it did not reach, under /$OrphanFiles/: this reads every free cluster once, sequentially.
   */
  async entries(options?: WalkOptions): Promise<FsEntry[]> {
    const walk = await walkFat(this.ctx, options);
    const { entries, notes } = walk;
    if (options?.orphans !== false) {
      const orphans = await orphanEntries(this.ctx, walk, options);
      entries.push(...orphans.entries);
      notes.push(...orphans.notes);
    }
    inferLostFirstLetters(entries);
    this.walkNotes = notes;
    return entries;
  }

  /** Guesses at a deleted file's content, labelled, most likely first (see run-candidates.ts). */
  runCandidates(entry: FsEntry): Promise<RunCandidate[]> {
    return runCandidates(this.ctx, entry);
  }

  freeRanges(options?: WalkOptions): Promise<ByteRun[]> {
    return freeRanges(this.ctx, options);
  }

  allocatedRanges(options?: WalkOptions): Promise<ByteRun[]> {
    return allocatedRanges(this.ctx, options);
  }
}

/**
 * Opens a FAT volume as the named steps: read the boot sector, check it is this variant, check the
 * system area fits the source, note a short data region, read the label.
 */
export async function openFat(source: ByteSource, variant: FatVariant, options: OpenOptions = {}): Promise<FatFileSystem> {
  options.signal?.throwIfAborted();
  const geometry = parseFatBootSector(await readExact(source, 0, 512, 'FAT boot sector'));
  requireVariant(geometry, variant);
  const notes = [...geometry.notes];
  requireSystemArea(geometry, source);
  noteShortDataRegion(geometry, source, notes);
  const ctx: FatContext = { source, geometry, variant, table: new FatTable(source, geometry, variant) };
  const label = await readLabel(ctx, notes);
  return new FatFileSystem(ctx, label, notes);
}

function requireVariant(geometry: FatGeometry, variant: FatVariant): void {
  if (geometry.fatType !== variant.id) {
    throw new UnsupportedError(`the volume is ${geometry.fatType.toUpperCase()}, not ${variant.name}`);
  }
}

function requireSystemArea(geometry: FatGeometry, source: ByteSource): void {
  if (geometry.dataOffset > source.size) {
    throw new TruncatedError(
      `the FATs and root region end at byte ${geometry.dataOffset} but ${source.label} holds ${source.size} bytes`,
    );
  }
}

function noteShortDataRegion(geometry: FatGeometry, source: ByteSource, notes: string[]): void {
  if (geometry.volumeBytes > source.size) {
    notes.push(
      `the volume claims ${geometry.volumeBytes} bytes but ${source.label} holds ${source.size}: ` +
        'clusters past the end are unreadable',
    );
  }
}

/** The root directory's volume-label entry wins over the boot sector's copy, as on Windows. */
async function readLabel(ctx: FatContext, notes: string[]): Promise<string | undefined> {
  const root = await readRootDirectory(ctx);
  notes.push(...root.notes.map((note) => `root directory: ${note}`));
  const fromRoot = root.bytes ? parseDirectory(root.bytes, ctx.variant.rootIsChain).volumeLabel : undefined;
  return fromRoot ?? ctx.geometry.volumeLabel;
}
