/** One primary entry of a DOS/MBR partition table (four 16-byte entries at byte 446). */
export interface MbrPartition {
  /** 0–3, the slot in the table. */
  index: number;
  bootable: boolean;
  /** The partition type byte (0x01 FAT12, 0x04/0x06/0x0E FAT16, 0x0B/0x0C FAT32, 0x07 exFAT/NTFS...). */
  type: number;
  startLba: number;
  sectorCount: number;
}

/** A 16-byte entry as it stands, status byte included, empty or not (an EBR uses the same layout). */
export interface RawMbrEntry {
  index: number;
  status: number;
  type: number;
  startLba: number;
  sectorCount: number;
}

export const MBR_SECTOR_SIZE = 512;
export const EXTENDED_TYPES: ReadonlySet<number> = new Set([0x05, 0x0f, 0x85]);
export const GPT_PROTECTIVE_TYPE = 0xee;

export const hasBootSignature = (sector: Buffer): boolean =>
  sector.length >= MBR_SECTOR_SIZE && sector.readUInt16LE(510) === 0xaa55;

/** The four entries of an MBR or EBR sector (the caller checks the 0x55AA signature). */
export function mbrEntries(sector: Buffer): RawMbrEntry[] {
  return [0, 1, 2, 3].map((index) => {
    const at = 446 + index * 16;
    return {
      index,
      status: sector[at] ?? 0,
      type: sector[at + 4] ?? 0,
      startLba: sector.readUInt32LE(at + 8),
      sectorCount: sector.readUInt32LE(at + 12),
    };
  });
}

/**
 * The non-empty primary entries of an MBR, or null when the sector is not one: no 0x55AA signature,
 * a status byte other than 0x00/0x80, an entry that starts at sector 0 or is empty, or no entry at all.
 */
export function parseMbr(sector: Buffer): MbrPartition[] | null {
  if (!hasBootSignature(sector)) return null;
  const partitions: MbrPartition[] = [];
  for (const { index, status, type, startLba, sectorCount } of mbrEntries(sector)) {
    if (status !== 0x00 && status !== 0x80) return null;
    if (type === 0) continue;
    if (startLba === 0 || sectorCount === 0) return null;
    partitions.push({ index, bootable: status === 0x80, type, startLba, sectorCount });
  }
  return partitions.length > 0 ? partitions : null;
}
