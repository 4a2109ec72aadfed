import type { ByteSource } from '../source/byte-source.js';
import { sliceSource } from '../source/slice-source.js';
import type { PartitionTable, Volume, VolumeLayout } from './volume-types.js';

/**
 * Turns a table's partitions into volumes: byte ranges checked against the source (a partition
 * past the end is a note and no volume, one that runs past it is cut to what is there), overlaps
 * noted, each volume a slice of the source labelled `<source>#p<number>`.
 */
export function tableVolumes(source: ByteSource, table: PartitionTable): VolumeLayout {
  const notes = [...table.notes];
  const volumes: Volume[] = [];
  for (const partition of table.partitions) {
    const slot = `partition ${partition.number}`;
    const offset = partition.startSector * table.sectorSize;
    if (partition.sectorCount === 0) {
      notes.push(`${slot} is empty (0 sectors); skipped`);
      continue;
    }
    if (!Number.isSafeInteger(offset) || offset >= source.size) {
      notes.push(`${slot} starts at byte ${offset}, past the end of ${source.label}`);
      continue;
    }
    let length = partition.sectorCount * table.sectorSize;
    if (offset + length > source.size) {
      notes.push(`${slot} runs past the end of ${source.label}; cut to what is there`);
      length = source.size - offset;
    }
    const overlapping = volumes.find((v) => offset < v.offset + v.length && v.offset < offset + length);
    if (overlapping) notes.push(`${slot} overlaps partition ${overlapping.partition?.number ?? '?'}`);
    const label = `${source.label}#p${partition.number}`;
    volumes.push({ index: volumes.length, offset, length, source: sliceSource(source, offset, length, label), partition });
  }
  return {
    scheme: table.scheme,
    sectorSize: table.sectorSize,
    ...(table.diskId === undefined ? {} : { diskId: table.diskId }),
    volumes,
    otherEntries: table.otherEntries,
    notes,
  };
}
