import { detectFilesystem, openVolumes, pairRecycleBin, type ByteSource, type FsEntry } from '@afterimage/fs-parsers';
import type { ByteRun } from '../types.js';
import { subtractRanges } from './ranges.js';

/** A file entry of some volume, with its runs made absolute in the scanned source. */
export interface SourceEntry extends FsEntry {
  readonly absoluteRuns: ByteRun[];
  /** The volume's range in the source: a guessed run never leaves it. */
  readonly volume: ByteRun;
  readonly clusterSize: number;
}

/** A filesystem found on the source, as a user would want it named. */
export interface FoundFilesystem {
  readonly id: string;
  readonly label?: string;
  readonly offset: number;
  readonly length: number;
  readonly notes: readonly string[];
}

export interface VolumeFiles {
  readonly entries: SourceEntry[];
  readonly filesystems: FoundFilesystem[];
  /** The free space of every filesystem found, plus all the space no filesystem describes. */
  readonly unallocated: ByteRun[];
  readonly notes: string[];
}

const absolute = (runs: readonly ByteRun[], base: number) => runs.map((r) => ({ offset: r.offset + base, length: r.length }));
const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Every volume's file entries and free space. A volume whose filesystem cannot be read is carved
 * whole, and says why in `notes`; a damaged partition table is read as one volume.
 */
export async function volumeFiles(source: ByteSource, signal?: AbortSignal): Promise<VolumeFiles> {
  const notes: string[] = [];
  const layout = await openVolumes(source).catch((error: unknown) => {
    notes.push(`partition table not read (${message(error)}); the source is read as one volume`);
    return { volumes: [{ offset: 0, length: source.size, source }], notes: [] as string[] };
  });
  notes.push(...layout.notes);
  const entries: SourceEntry[] = [];
  const filesystems: FoundFilesystem[] = [];
  const described: ByteRun[] = [];
  const free: ByteRun[] = [];
  for (const volume of layout.volumes) {
    signal?.throwIfAborted();
    const range = { offset: volume.offset, length: volume.length };
    const descriptor = await detectFilesystem(volume.source).catch((error: unknown) => {
      notes.push(`volume at byte ${volume.offset}: ${message(error)}`);
      return null;
    });
    if (!descriptor) continue;
    try {
      const fs = await descriptor.open(volume.source, { signal });
      const [list, freeRanges] = await Promise.all([fs.entries({ signal }), fs.freeRanges({ signal })]);
      // Recycle Bin items get the path and name they had before they were deleted.
      const bin = await pairRecycleBin(list, volume.source, { signal });
      filesystems.push({ id: fs.id, ...(fs.label ? { label: fs.label } : {}), ...range, notes: [...fs.notes, ...bin.notes] });
      described.push(range);
      free.push(...absolute(freeRanges, volume.offset));
      for (const entry of list) {
        if (!entry.isDirectory) entries.push({ ...entry, absoluteRuns: absolute(entry.byteRuns, volume.offset), volume: range, clusterSize: fs.clusterSize });
      }
    } catch (error) {
      signal?.throwIfAborted();
      notes.push(`${descriptor.name} volume at byte ${volume.offset} could not be read (${message(error)}); it is carved whole`);
    }
  }
  const unallocated = [...free, ...subtractRanges([{ offset: 0, length: source.size }], described)];
  return { entries, filesystems, unallocated, notes };
}
