import { type ByteSource } from '../source/byte-source.js';
import { crc32 } from './crc32.js';
import { formatGuid, type GptHeader, hex32, u64 } from './gpt-header.js';
import { gptTypeName } from './partition-types.js';
import type { GptPartitionInfo } from './volume-types.js';

const UNUSED = '00000000-0000-0000-0000-000000000000';

/** Reads the entry array a header points to and checks its CRC32; the entries, or why they cannot be used. */
export async function readGptEntryArray(source: ByteSource, header: GptHeader, sectorSize: number): Promise<Buffer | string> {
  const bytes = header.entryCount * header.entrySize;
  const offset = header.entryLba * sectorSize;
  if (!Number.isSafeInteger(offset) || offset + bytes > source.size) {
    return `its entry array (LBA ${header.entryLba}, ${bytes} bytes) lies past the end of ${source.label}`;
  }
  const array = await source.read(offset, bytes);
  const computed = crc32(array);
  if (computed !== header.entryArrayCrc) {
    return `entry array CRC32 is 0x${hex32(header.entryArrayCrc)} but the array sums to 0x${hex32(computed)}`;
  }
  return array;
}

/** The used entries of an array (type GUID not zero), numbered 1… by slot as sgdisk numbers them. */
export function parseGptEntries(array: Buffer, header: GptHeader, notes: string[]): GptPartitionInfo[] {
  const partitions: GptPartitionInfo[] = [];
  for (let slot = 0; slot < header.entryCount; slot++) {
    const at = slot * header.entrySize;
    const type = formatGuid(array, at);
    if (type === UNUSED) continue;
    const number = slot + 1;
    const first = u64(array, at + 32);
    const last = u64(array, at + 40);
    if (last < first || !Number.isFinite(last)) {
      notes.push(`GPT entry ${number} ends (LBA ${last}) before it starts (LBA ${first}) or past 2^53; skipped`);
      continue;
    }
    if (first < header.firstUsableLba || last > header.lastUsableLba) {
      notes.push(`partition ${number} lies outside the usable LBAs ${header.firstUsableLba}–${header.lastUsableLba}`);
    }
    const name = array.toString('utf16le', at + 56, at + 128).split('\u0000')[0] ?? '';
    partitions.push({
      scheme: 'gpt',
      number,
      type,
      typeName: gptTypeName(type),
      ...(name ? { name } : {}),
      startSector: first,
      sectorCount: last - first + 1,
      guid: formatGuid(array, at + 16),
      attributes: `0x${array.readBigUInt64LE(at + 48).toString(16).padStart(16, '0')}`,
    });
  }
  return partitions;
}
