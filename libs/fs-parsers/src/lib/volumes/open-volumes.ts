import type { FilesystemDescriptor } from '../filesystem.js';
import { filesystems } from '../filesystems.js';
import type { ByteSource } from '../source/byte-source.js';
import { apmBlockSize, readApmTable } from './apm-table.js';
import { hasGptSignature, readGptTable } from './gpt-table.js';
import { GPT_PROTECTIVE_TYPE, MBR_SECTOR_SIZE, parseMbr } from './mbr.js';
import { readMbrTable } from './mbr-table.js';
import { tableVolumes } from './table-volumes.js';
import type { VolumeLayout } from './volume-types.js';

export type {
  ApmPartitionInfo,
  GptPartitionInfo,
  MbrPartitionInfo,
  PartitionInfo,
  Volume,
  VolumeLayout,
  VolumeScheme,
} from './volume-types.js';

export interface OpenVolumesOptions {
  signal?: AbortSignal;
  /** The filesystems whose probes decide that byte 0 holds a filesystem ('none'); the registered list by default. */
  filesystems?: readonly FilesystemDescriptor[];
}

/** Boot sectors of filesystems that end in 0x55AA like an MBR, by their OEM name at byte 3. */
const FOREIGN_BOOT_SECTORS: Readonly<Record<string, string>> = { 'EXFAT   ': 'exFAT', 'NTFS    ': 'NTFS' };

/**
 * Finds the volumes of a source, in this order: a filesystem at byte 0 (any registered probe
 * matches) means no partition table ('none', a "superfloppy"); a GPT (a header at LBA 1, or a
 * protective MBR whose GPT must come from the backup header); an Apple Partition Map; an MBR with
 * its extended partition's logical partitions; otherwise the whole source as one volume, with a note.
 * Damage is in `notes`; only a GPT without any usable header is an error (CorruptError).
 */
export async function openVolumes(source: ByteSource, options: OpenVolumesOptions = {}): Promise<VolumeLayout> {
  const whole = (notes: string[]): VolumeLayout => ({
    scheme: 'none',
    sectorSize: MBR_SECTOR_SIZE,
    volumes: [{ index: 0, offset: 0, length: source.size, source }],
    otherEntries: [],
    notes,
  });
  if (source.size < MBR_SECTOR_SIZE) return whole([`${source.label} is too small for a partition table`]);
  const sector = await source.read(0, MBR_SECTOR_SIZE);
  const gptSignature = await hasGptSignature(source);
  const apm = await apmBlockSize(source);

  const found = await probeAll(source, options.filesystems ?? filesystems);
  if (found.length > 0) {
    const notes = found.length > 1 ? [`${found.join(' and ')} all match at byte 0`] : [];
    if (gptSignature) notes.push('a GPT header at LBA 1 is left from an earlier partitioning; the filesystem at byte 0 is used');
    if (apm) notes.push('an Apple Partition Map is left from an earlier partitioning; the filesystem at byte 0 is used');
    return whole(notes);
  }
  options.signal?.throwIfAborted();

  const primaries = parseMbr(sector);
  const protective = primaries?.some((p) => p.type === GPT_PROTECTIVE_TYPE) ?? false;
  if (gptSignature || protective) {
    const table = await readGptTable(source);
    if (!protective) table.notes.unshift('the MBR is not a GPT protective MBR (no 0xEE entry)');
    return tableVolumes(source, table);
  }
  if (apm) return tableVolumes(source, await readApmTable(source, apm.blockSize, apm.notes, options.signal));

  const foreign = FOREIGN_BOOT_SECTORS[sector.toString('latin1', 3, 11)];
  if (foreign) return whole([`an ${foreign} boot sector at byte 0, which no registered filesystem opens`]);
  if (primaries) return tableVolumes(source, await readMbrTable(source, sector, primaries, options.signal));
  return whole(['no partition table found; the whole source is one volume']);
}

/** The ids of every filesystem whose probe matches the source at byte 0 (a probe that throws is a no). */
async function probeAll(source: ByteSource, candidates: readonly FilesystemDescriptor[]): Promise<string[]> {
  const ids: string[] = [];
  for (const descriptor of candidates) {
    if (await descriptor.probe(source).catch(() => false)) ids.push(descriptor.id);
  }
  return ids;
}
