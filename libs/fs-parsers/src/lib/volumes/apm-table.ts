import type { ByteSource } from '../source/byte-source.js';
import { apmTypeName, isApmVolume } from './partition-types.js';
import type { ApmPartitionInfo, PartitionTable } from './volume-types.js';

/** More entries than any Mac or mastering tool writes (a map is usually 63 blocks long). */
export const MAX_APM_ENTRIES = 256;
const BLOCK_SIZES = [512, 1024, 2048, 4096];

const isSignature = (bytes: Buffer, signature: string): boolean => bytes.toString('latin1', 0, 2) === signature;
const cString = (bytes: Buffer, from: number, to: number): string => bytes.toString('latin1', from, to).split('\u0000')[0] ?? '';

/**
 * The block size of an Apple Partition Map, or null when there is none: a "PM" entry in block 1.
 * The Driver Descriptor ("ER" in block 0) says the size (2048 on xorriso's hybrid images, 512 on
 * Macs); when its entries are not where it says, the other common sizes are tried.
 */
export async function apmBlockSize(source: ByteSource): Promise<{ blockSize: number; notes: string[] } | null> {
  if (source.size < 1024) return null;
  const block0 = await source.read(0, 512);
  const declared = isSignature(block0, 'ER') ? block0.readUInt16BE(2) : 0;
  const candidates = [...new Set([declared, ...BLOCK_SIZES])].filter((size) => BLOCK_SIZES.includes(size));
  for (const blockSize of candidates) {
    if (2 * blockSize > source.size || !isSignature(await source.read(blockSize, 2), 'PM')) continue;
    const notes: string[] = [];
    if (declared === 0) notes.push('no Driver Descriptor ("ER") in block 0, but a partition map in block 1');
    else if (declared !== blockSize) notes.push(`the Driver Descriptor says ${declared}-byte blocks but the map is laid out in ${blockSize}-byte blocks`);
    return { blockSize, notes };
  }
  return null;
}

/**
 * The entries of an Apple Partition Map, one per block from block 1; the first entry's map block
 * count (pmMapBlkCnt) says how many, bounded by MAX_APM_ENTRIES and the source. The map itself,
 * free space and drivers are "other entries", the rest volumes (Apple_HFS, Apple_HFSX, ISO9660_data…).
 */
export async function readApmTable(source: ByteSource, blockSize: number, notes: string[], signal?: AbortSignal): Promise<PartitionTable> {
  const table: PartitionTable = { scheme: 'apm', sectorSize: blockSize, partitions: [], otherEntries: [], notes };
  const first = await source.read(blockSize, 512);
  const declared = first.readUInt32BE(4);
  const fits = Math.floor(source.size / blockSize) - 1;
  let count = declared;
  if (count > MAX_APM_ENTRIES || count > fits) {
    count = Math.min(MAX_APM_ENTRIES, fits);
    notes.push(`the partition map claims ${declared} entries; at most ${count} are read, up to the first block without "PM"`);
  }
  for (let number = 1; number <= count; number++) {
    signal?.throwIfAborted();
    const entry = number === 1 ? first : await source.read(number * blockSize, 512);
    if (entry.length < 92 || !isSignature(entry, 'PM')) {
      if (declared <= count) notes.push(`partition map entry ${number} has no "PM" signature; the map ends there`);
      break;
    }
    if (entry.readUInt32BE(4) !== declared) notes.push(`partition map entry ${number} gives another map size (${entry.readUInt32BE(4)})`);
    const type = cString(entry, 48, 80);
    const name = cString(entry, 16, 48);
    const partition: ApmPartitionInfo = {
      scheme: 'apm',
      number,
      type,
      typeName: apmTypeName(type),
      ...(name ? { name } : {}),
      startSector: entry.readUInt32BE(8),
      sectorCount: entry.readUInt32BE(12),
      status: entry.readUInt32BE(88),
    };
    (isApmVolume(type) ? table.partitions : table.otherEntries).push(partition);
  }
  return table;
}
