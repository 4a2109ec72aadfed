import type { Confidence, Finding, FoundBy, Origin } from '@afterimage/contracts';
import type { ByteSource } from '@afterimage/fs-parsers';
import { carve, type CarveProgress } from '../carve.js';
import type { CarveCheckpoint } from '../checkpoint.js';
import { formatFor } from '../formats/index.js';
import { NameAllocator, suggestName } from '../naming.js';
import type { CarvedFile, CarveFormat } from '../types.js';
import { DeletedSpaceGuess } from './cluster-guess.js';
import { fileThroughEntry, type EntryFile } from './entry-file.js';
import { bestName, entryStory, goneForUser, originalPathOf, timesOf, trashOf } from './entry-naming.js';
import { runIndex } from './ranges.js';
import { volumeFiles, type FoundFilesystem, type SourceEntry } from './volume-files.js';

/** A finding before the caller gives it an id. */
export type MediaFinding = Omit<Finding, 'id'>;

export interface MediaScanOptions {
  /** Report files the filesystem still lists as well (default: only deleted and lost ones). */
  readonly includeLive?: boolean;
  readonly keepCorrupt?: boolean;
  readonly signal?: AbortSignal;
  onProgress?(progress: CarveProgress): void;
  /** An area the carve could not read and went on past (carve()'s onUnreadable). */
  onUnreadable?(area: { readonly offset: number; readonly length: number }, cause: unknown): void;
  /** Told once the volumes were read, before carving starts. */
  onVolumes?(filesystems: readonly FoundFilesystem[], notes: readonly string[]): void;
  /** Scanning threads, as for carve(). */
  readonly workers?: number;
  /** Called with the carve's checkpoints; a scan given one back in `resumeFrom` carves on from there. */
  onCheckpoint?(checkpoint: CarveCheckpoint): void;
  readonly checkpointEvery?: number;
  /**
   * Go on from a checkpoint of an interrupted scan of the same source with the same options. The
   * volumes are read again; findings between the checkpoint and the interruption come again (the
   * caller keeps one of each, by place and sha256).
   */
  readonly resumeFrom?: CarveCheckpoint;
}

function formatForName(name: string): CarveFormat | undefined {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? formatFor(name.slice(dot + 1)) : undefined;
}

/**
 * Filesystem and carving in one pass, one finding per photo. Every volume's entries are read first;
 * then the carve looks for files in the free space of every filesystem and in all the space none
 * describes (all of the source when live files are wanted too). A carved file that starts where an
 * entry starts takes the entry's name, path and times, and the entry's runs when they hold a valid
 * file (so a deleted, fragmented photo comes back whole under its own name); deleted media entries
 * that carving did not reach are validated through their own runs. Carving checks every sector
 * boundary where a filesystem was found, and every byte where none was (a raw dump). What the
 * operating system set aside counts as deleted and comes back under its real name (entry-naming.ts):
 * a Windows Recycle Bin item, an Android MediaStore `.trashed-…`/`.pending-…` file (its expiry in
 * the reasons).
 */
export async function* scanMedia(source: ByteSource, options: MediaScanOptions = {}): AsyncGenerator<MediaFinding> {
  const { includeLive = false, keepCorrupt = false, signal } = options;
  const found = await volumeFiles(source, signal);
  options.onVolumes?.(found.filesystems, found.notes);
  const byStart = new Map<number, SourceEntry>();
  for (const entry of found.entries) {
    const first = entry.absoluteRuns[0];
    // A deleted entry and a live one can share a start cluster: the live one holds the bytes now.
    if (first && entry.size > 0 && (!byStart.has(first.offset) || !entry.deleted)) byStart.set(first.offset, entry);
  }
  const insideLive = runIndex(found.entries.filter((e) => !e.deleted).flatMap((e) => e.absoluteRuns));
  const guess = new DeletedSpaceGuess(found.unallocated, found.entries.filter((e) => e.deleted));
  const names = new NameAllocator();
  const used = new Set<SourceEntry>();
  const seen = new Set<string>();
  const finding = (found: CarvedFile | EntryFile, origin: Origin, foundBy: FoundBy, entry?: SourceEntry): MediaFinding | undefined => {
    const { mapped, ...file } = { mapped: false, ...found };
    const key = `${file.sha256}@${file.byteRuns[0]?.offset}`;
    if ((origin === 'live' && !includeLive) || seen.has(key)) return undefined;
    seen.add(key);
    const times = entry && timesOf(entry);
    const trash = entry && trashOf(entry);
    const named = entry ? { name: bestName(entry), originalPath: originalPathOf(entry), ...(times ? { times } : {}), ...(trash ? { trash } : {}) } : { name: suggestName(file, names) };
    const confidence: Confidence = file.validation.state !== 'complete' ? 'low' : mapped ? 'high' : 'medium';
    const story = entry ? entryStory(entry) : [];
    const validation = story.length > 0 ? { ...file.validation, reasons: [...file.validation.reasons, ...story] } : file.validation;
    return { ...file, validation, byteRuns: [...file.byteRuns], ...named, origin, foundBy, confidence };
  };

  const filesystems = found.filesystems.length;
  const ranges = includeLive || filesystems === 0 ? undefined : found.unallocated;
  // Every cluster of every filesystem starts on a sector boundary, whatever the volume's cluster size
  // and data-area offset (two partitions may differ): the sector grid misses none of them.
  const blockSize = filesystems > 0 ? 512 : 1;
  const { workers, onProgress, onCheckpoint, checkpointEvery, resumeFrom, onUnreadable } = options;
  for await (const carved of carve(source, { ranges, blockSize, keepCorrupt, signal, workers, onProgress, onCheckpoint, checkpointEvery, resumeFrom, onUnreadable })) {
    const start = carved.byteRuns[0]?.offset ?? -1;
    const entry = byStart.get(start);
    const format = formatFor(carved.format) ?? formatFor(carved.extension);
    if (entry && format && carved.size <= entry.size) {
      used.add(entry);
      const origin = goneForUser(entry) ? 'deleted' : 'live';
      const viaEntry = await fileThroughEntry(source, entry, format, carved, guess);
      const better = viaEntry && (viaEntry.validation.state === 'complete' || carved.validation.state !== 'complete') ? viaEntry : undefined;
      const reasons = better ? [] : [`the clusters ${bestName(entry)}'s entry points to hold no complete ${format.id}; the carved bytes from its start cluster are used`];
      const result = finding(better ?? { ...carved, validation: { ...carved.validation, reasons: [...carved.validation.reasons, ...reasons] } }, origin, 'both', entry);
      if (result) yield result;
      continue;
    }
    // A picture embedded in a live file (a preview inside a RAW or a video) is that file's business.
    if (!entry && insideLive(start)) continue;
    const result = finding(carved, 'lost', 'carving');
    if (result) yield result;
  }

  for (const entry of found.entries) {
    signal?.throwIfAborted();
    if (used.has(entry) || (!goneForUser(entry) && !includeLive) || entry.size === 0) continue;
    const format = formatForName(bestName(entry));
    if (!format) continue;
    const viaEntry = await fileThroughEntry(source, entry, format, undefined, guess);
    const result = viaEntry && finding(viaEntry, goneForUser(entry) ? 'deleted' : 'live', 'filesystem', entry);
    if (result) yield result;
  }
}
