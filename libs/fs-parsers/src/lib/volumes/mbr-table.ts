import type { ByteSource } from '../source/byte-source.js';
import { followEbrChain } from './ebr-chain.js';
import { EXTENDED_TYPES, MBR_SECTOR_SIZE, type MbrPartition } from './mbr.js';
import { hexByte, mbrTypeName } from './partition-types.js';
import type { MbrPartitionInfo, PartitionTable } from './volume-types.js';

function describe(entry: MbrPartition): MbrPartitionInfo {
  return {
    scheme: 'mbr',
    number: entry.index + 1,
    type: hexByte(entry.type),
    typeName: mbrTypeName(entry.type),
    startSector: entry.startLba,
    sectorCount: entry.sectorCount,
    bootable: entry.bootable,
    logical: false,
  };
}

/**
 * An MBR's primary partitions, then the logical partitions of its extended partition (numbered 5…,
 * as Linux and sfdisk number them). The extended partition itself is an "other entry", not a volume.
 */
export async function readMbrTable(
  source: ByteSource,
  sector: Buffer,
  primaries: MbrPartition[],
  signal?: AbortSignal,
): Promise<PartitionTable> {
  const table: PartitionTable = {
    scheme: 'mbr',
    sectorSize: MBR_SECTOR_SIZE,
    diskId: `0x${sector.readUInt32LE(440).toString(16).padStart(8, '0')}`,
    partitions: primaries.filter((p) => !EXTENDED_TYPES.has(p.type)).map(describe),
    otherEntries: [],
    notes: [],
  };
  const extended = primaries.filter((p) => EXTENDED_TYPES.has(p.type));
  if (extended.length > 1) {
    table.notes.push(`${extended.length} extended partitions (the spec allows one); each one's chain is followed`);
  }
  for (const entry of extended) {
    table.otherEntries.push(describe(entry));
    const chain = await followEbrChain(source, entry, 5 + table.partitions.filter((p) => p.scheme === 'mbr' && p.logical).length, signal);
    table.partitions.push(...chain.partitions);
    table.notes.push(...chain.notes);
  }
  return table;
}
