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

export const MBR_SECTOR_SIZE = 512;
export const EXTENDED_TYPES: ReadonlySet<number> = new Set([0x05, 0x0f, 0x85]);
export const GPT_PROTECTIVE_TYPE = 0xee;

/**
 * The non-empty primary entries of an MBR, or null when the sector is not one: no 0x55AA signature,
 * a status byte other than 0x00/0x80, an entry that starts at sector 0 or is empty, or no entry at all.
 */
export function parseMbr(sector: Buffer): MbrPartition[] | null {
  if (sector.length < MBR_SECTOR_SIZE || sector.readUInt16LE(510) !== 0xaa55) return null;
  const partitions: MbrPartition[] = [];
  for (let index = 0; index < 4; index++) {
    const at = 446 + index * 16;
    const status = sector[at] ?? 0;
    const type = sector[at + 4] ?? 0;
    if (status !== 0x00 && status !== 0x80) return null;
    if (type === 0) continue;
    const startLba = sector.readUInt32LE(at + 8);
    const sectorCount = sector.readUInt32LE(at + 12);
    if (startLba === 0 || sectorCount === 0) return null;
    partitions.push({ index, bootable: status === 0x80, type, startLba, sectorCount });
  }
  return partitions.length > 0 ? partitions : null;
}
