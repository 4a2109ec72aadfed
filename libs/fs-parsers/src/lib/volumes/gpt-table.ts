import { CorruptError } from '../errors.js';
import type { ByteSource } from '../source/byte-source.js';
import { readGptEntryArray, parseGptEntries } from './gpt-entries.js';
import { GPT_SIGNATURE, type GptHeader, parseGptHeader } from './gpt-header.js';
import type { PartitionTable } from './volume-types.js';

/** GPT sector sizes we try: classic 512-byte and "4K native" disks. */
export const GPT_SECTOR_SIZES = [512, 4096] as const;

interface LoadedGpt {
  header: GptHeader;
  array: Buffer;
}

/** The header at `lba` and its entry array, both checked; or the reason they cannot be used. */
async function loadGpt(source: ByteSource, sectorSize: number, lba: number): Promise<LoadedGpt | string> {
  const offset = lba * sectorSize;
  if (!Number.isSafeInteger(offset) || offset + sectorSize > source.size) return `LBA ${lba} lies past the end of ${source.label}`;
  const header = parseGptHeader(await source.read(offset, sectorSize), lba);
  if (typeof header === 'string') return header;
  const array = await readGptEntryArray(source, header, sectorSize);
  return typeof array === 'string' ? array : { header, array };
}

/** True when a GPT header signature sits at LBA 1 for either sector size. */
export async function hasGptSignature(source: ByteSource): Promise<boolean> {
  for (const size of GPT_SECTOR_SIZES) {
    if (source.size >= 2 * size && (await source.read(size, 8)).toString('latin1') === GPT_SIGNATURE) return true;
  }
  return false;
}

/**
 * The GPT of a source: the primary header at LBA 1 (512- or 4096-byte sectors) with its entry
 * array, both CRC-checked; when it is damaged, the backup header at the last LBA, with a note. A
 * damaged or missing backup next to a good primary is a note too. No usable header: CorruptError.
 */
export async function readGptTable(source: ByteSource): Promise<PartitionTable> {
  const notes: string[] = [];
  const problems: string[] = [];
  for (const sectorSize of GPT_SECTOR_SIZES) {
    if (source.size < 2 * sectorSize) continue;
    if ((await source.read(sectorSize, 8)).toString('latin1') !== GPT_SIGNATURE) continue;
    const primary = await loadGpt(source, sectorSize, 1);
    if (typeof primary === 'string') {
      problems.push(`the primary GPT header at LBA 1 (${sectorSize}-byte sectors) is damaged: ${primary}`);
      continue;
    }
    const backup = await loadGpt(source, sectorSize, primary.header.alternateLba);
    if (typeof backup === 'string') {
      notes.push(`the backup GPT header at LBA ${primary.header.alternateLba} is damaged: ${backup}`);
    } else if (!backup.array.equals(primary.array)) {
      notes.push('the backup GPT entry array differs from the primary one; the primary is used');
    }
    return table(primary, sectorSize, notes);
  }
  if (problems.length === 0) problems.push('the primary GPT header at LBA 1 is missing (no "EFI PART" for 512- or 4096-byte sectors)');
  for (const sectorSize of GPT_SECTOR_SIZES) {
    const lastLba = Math.floor(source.size / sectorSize) - 1;
    if (lastLba < 1) continue;
    const backup = await loadGpt(source, sectorSize, lastLba);
    if (typeof backup === 'string') {
      problems.push(`no usable backup header at LBA ${lastLba} (${sectorSize}-byte sectors): ${backup}`);
      continue;
    }
    notes.push(`${problems.join('; ')}; the backup header at LBA ${lastLba} is used instead`);
    return table(backup, sectorSize, notes);
  }
  throw new CorruptError(`${source.label} has a GPT protective MBR but no usable GPT header: ${problems.join('; ')}`);
}

function table({ header, array }: LoadedGpt, sectorSize: number, notes: string[]): PartitionTable {
  if (header.revision !== 0x00010000) notes.push(`GPT revision 0x${header.revision.toString(16)} (1.0 expected)`);
  const partitions = parseGptEntries(array, header, notes);
  return { scheme: 'gpt', sectorSize, diskId: header.diskGuid, partitions, otherEntries: [], notes };
}
