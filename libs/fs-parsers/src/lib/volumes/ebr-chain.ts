import type { ByteSource } from '../source/byte-source.js';
import { EXTENDED_TYPES, hasBootSignature, MBR_SECTOR_SIZE, type MbrPartition, mbrEntries } from './mbr.js';
import { mbrTypeName, hexByte } from './partition-types.js';
import type { MbrPartitionInfo } from './volume-types.js';

/** More logical partitions than any tool makes; a longer chain is damage (or a crafted image). */
export const MAX_LOGICAL_PARTITIONS = 128;

/**
 * The logical partitions inside an extended partition. Each EBR (Extended Boot Record) holds the
 * logical partition in its first entry, its start relative to that EBR, and the link to the next
 * EBR in its second entry, relative to the start of the extended partition. The walk is loop-safe
 * (each EBR read once, at most MAX_LOGICAL_PARTITIONS) and turns every bad link into a note.
 */
export async function followEbrChain(
  source: ByteSource,
  extended: MbrPartition,
  firstNumber: number,
  signal?: AbortSignal,
): Promise<{ partitions: MbrPartitionInfo[]; notes: string[] }> {
  const partitions: MbrPartitionInfo[] = [];
  const notes: string[] = [];
  const base = extended.startLba;
  const end = base + extended.sectorCount;
  const visited = new Set<number>();
  let ebr: number | null = base;
  while (ebr !== null) {
    signal?.throwIfAborted();
    const where = `the EBR at sector ${ebr}`;
    if (visited.has(ebr)) {
      notes.push(`${where} was already read: the chain of logical partitions loops; it stops there`);
      break;
    }
    if (visited.size >= MAX_LOGICAL_PARTITIONS) {
      notes.push(`more than ${MAX_LOGICAL_PARTITIONS} EBRs in the extended partition; the rest are not read`);
      break;
    }
    visited.add(ebr);
    if (ebr < base || ebr >= end) {
      notes.push(`${where} lies outside its extended partition (sectors ${base}–${end - 1}); the chain stops there`);
      break;
    }
    if ((ebr + 1) * MBR_SECTOR_SIZE > source.size) {
      notes.push(`${where} lies past the end of ${source.label}; the chain stops there`);
      break;
    }
    const sector = await source.read(ebr * MBR_SECTOR_SIZE, MBR_SECTOR_SIZE);
    if (!hasBootSignature(sector)) {
      notes.push(`${where} has no 0x55AA signature; the chain stops there`);
      break;
    }
    const [logical, link, ...rest] = mbrEntries(sector);
    if (rest.some((e) => e.type !== 0)) notes.push(`${where} uses its third or fourth entry; those are ignored`);
    if (logical && logical.type !== 0) {
      const number = firstNumber + partitions.length;
      if (EXTENDED_TYPES.has(logical.type)) {
        notes.push(`${where} holds an extended type (${hexByte(logical.type)}) where its logical partition belongs`);
      } else if (logical.startLba === 0 || logical.sectorCount === 0) {
        notes.push(`partition ${number} (in ${where}) is empty or starts on its own EBR; skipped`);
      } else {
        const startSector = ebr + logical.startLba;
        if (startSector + logical.sectorCount > end) {
          notes.push(`partition ${number} runs outside its extended partition (sectors ${base}–${end - 1})`);
        }
        partitions.push({
          scheme: 'mbr',
          number,
          type: hexByte(logical.type),
          typeName: mbrTypeName(logical.type),
          startSector,
          sectorCount: logical.sectorCount,
          bootable: logical.status === 0x80,
          logical: true,
        });
      }
    }
    ebr = null;
    if (link && link.type !== 0) {
      if (EXTENDED_TYPES.has(link.type)) ebr = base + link.startLba;
      else notes.push(`${where} links to a partition of type ${hexByte(link.type)} instead of the next EBR; the chain stops there`);
    }
  }
  return { partitions, notes };
}
