import { UnsupportedError } from '../errors.js';
import { parseFatBootSector } from '../fat/boot-sector.js';
import type { ByteSource } from '../source/byte-source.js';
import { sliceSource } from '../source/slice-source.js';
import { EXTENDED_TYPES, GPT_PROTECTIVE_TYPE, MBR_SECTOR_SIZE, type MbrPartition, parseMbr } from './mbr.js';

/** 'none': the filesystem starts at byte 0 (a "superfloppy", as cameras often format cards). */
export type VolumeScheme = 'none' | 'mbr';

export interface Volume {
  /** 0-based position in the layout. */
  index: number;
  /** Byte range in the parent source. */
  offset: number;
  length: number;
  /** Reads only this volume; offsets inside it start at 0. */
  source: ByteSource;
  /** The MBR entry, when the scheme is 'mbr'. */
  partition?: MbrPartition;
}

export interface VolumeLayout {
  scheme: VolumeScheme;
  volumes: Volume[];
  notes: string[];
}

/**
 * Finds the volumes of a source: a FAT boot sector at byte 0 means no partition table; otherwise the
 * MBR's primary partitions; otherwise the whole source as one volume, with a note. GPT, APM and
 * extended partitions come later (GPT is reported as unsupported, extended entries as a note).
 */
export async function openVolumes(source: ByteSource): Promise<VolumeLayout> {
  const whole = (notes: string[]): VolumeLayout => ({
    scheme: 'none',
    volumes: [{ index: 0, offset: 0, length: source.size, source }],
    notes,
  });
  if (source.size < MBR_SECTOR_SIZE) return whole([`${source.label} is too small for a partition table`]);
  const sector = await source.read(0, MBR_SECTOR_SIZE);
  if (isFatBootSector(sector)) return whole([]);
  const partitions = parseMbr(sector);
  if (!partitions) return whole(['no partition table found; the whole source is one volume']);
  if (partitions.some((p) => p.type === GPT_PROTECTIVE_TYPE)) {
    throw new UnsupportedError(`${source.label} has a GPT partition table, which is not supported yet`);
  }
  const notes: string[] = [];
  const volumes: Volume[] = [];
  for (const partition of partitions) {
    const slot = `partition ${partition.index + 1}`;
    if (EXTENDED_TYPES.has(partition.type)) {
      notes.push(`${slot} is an extended partition; logical partitions are not read yet`);
      continue;
    }
    const offset = partition.startLba * MBR_SECTOR_SIZE;
    if (offset >= source.size) {
      notes.push(`${slot} starts at byte ${offset}, past the end of ${source.label}`);
      continue;
    }
    let length = partition.sectorCount * MBR_SECTOR_SIZE;
    if (offset + length > source.size) {
      notes.push(`${slot} runs past the end of ${source.label}; cut to what is there`);
      length = source.size - offset;
    }
    const overlapping = volumes.find((v) => offset < v.offset + v.length && v.offset < offset + length);
    if (overlapping) notes.push(`${slot} overlaps partition ${(overlapping.partition?.index ?? 0) + 1}`);
    const label = `${source.label}#p${partition.index + 1}`;
    volumes.push({ index: volumes.length, offset, length, source: sliceSource(source, offset, length, label), partition });
  }
  return { scheme: 'mbr', volumes, notes };
}

function isFatBootSector(sector: Buffer): boolean {
  try {
    parseFatBootSector(sector);
    return true;
  } catch {
    return false;
  }
}
