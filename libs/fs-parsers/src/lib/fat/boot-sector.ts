import { CorruptError, TruncatedError, UnsupportedError } from '../errors.js';
import { type FatType, fatTypeForClusterCount, fatVariant } from './variants.js';

/** Everything the rest of fat/ needs from the boot sector, in bytes and cluster numbers. */
export interface FatGeometry {
  fatType: FatType;
  oemName: string;
  bytesPerSector: number;
  sectorsPerCluster: number;
  clusterSize: number;
  reservedSectors: number;
  fatCount: number;
  sectorsPerFat: number;
  rootEntryCount: number;
  totalSectors: number;
  mediaDescriptor: number;
  /** Bytes the volume claims: totalSectors × bytesPerSector. */
  volumeBytes: number;
  /** Byte offset of the FAT copy in use and the size of one copy. */
  fatOffset: number;
  fatBytes: number;
  /** FAT12/16: the fixed root directory region; zero-length on FAT32. */
  rootDirOffset: number;
  rootDirBytes: number;
  /** Byte offset of cluster 2, the first data cluster. */
  dataOffset: number;
  clusterCount: number;
  /** The highest valid cluster number: clusterCount + 1. */
  maxCluster: number;
  /** FAT32 only: the first cluster of the root directory (0 otherwise). */
  rootCluster: number;
  volumeId?: number;
  volumeLabel?: string;
  notes: string[];
}

const SECTOR_SIZES = new Set([512, 1024, 2048, 4096]);
const isPowerOfTwo = (n: number): boolean => n > 0 && (n & (n - 1)) === 0;
const text = (bytes: Buffer, from: number, to: number): string => bytes.toString('latin1', from, to).trimEnd();

/**
 * Parses and validates a FAT boot sector / BPB (fatgen103 layout). Throws CorruptError for values
 * that cannot describe a FAT volume, TruncatedError for fewer than 512 bytes.
 */
export function parseFatBootSector(sector: Buffer): FatGeometry {
  if (sector.length < 512) throw new TruncatedError(`a boot sector needs 512 bytes, got ${sector.length}`);
  const jumps = (sector[0] === 0xeb && sector[2] === 0x90) || sector[0] === 0xe9;
  if (!jumps && sector.readUInt16LE(510) !== 0xaa55) {
    throw new CorruptError('no boot sector: neither a jump instruction nor the 0x55AA signature');
  }
  const bytesPerSector = sector.readUInt16LE(11);
  const sectorsPerCluster = sector[13] ?? 0;
  const reservedSectors = sector.readUInt16LE(14);
  const fatCount = sector[16] ?? 0;
  const rootEntryCount = sector.readUInt16LE(17);
  const totalSectors = sector.readUInt16LE(19) || sector.readUInt32LE(32);
  const mediaDescriptor = sector[21] ?? 0;
  const fat16Size = sector.readUInt16LE(22);
  const sectorsPerFat = fat16Size || sector.readUInt32LE(36);

  if (!SECTOR_SIZES.has(bytesPerSector)) throw new CorruptError(`bytes per sector is ${bytesPerSector}, not 512–4096`);
  if (!isPowerOfTwo(sectorsPerCluster) || sectorsPerCluster > 128) {
    throw new CorruptError(`sectors per cluster is ${sectorsPerCluster}, not a power of two up to 128`);
  }
  if (reservedSectors === 0) throw new CorruptError('reserved sector count is 0');
  if (fatCount === 0 || fatCount > 4) throw new CorruptError(`number of FATs is ${fatCount}`);
  if (mediaDescriptor !== 0xf0 && mediaDescriptor < 0xf8) {
    throw new CorruptError(`media descriptor 0x${mediaDescriptor.toString(16)} is not a FAT media byte`);
  }
  if (totalSectors === 0) throw new CorruptError('total sector count is 0');
  if (sectorsPerFat === 0) throw new CorruptError('sectors per FAT is 0');

  const rootDirSectors = Math.ceil((rootEntryCount * 32) / bytesPerSector);
  const metaSectors = reservedSectors + fatCount * sectorsPerFat + rootDirSectors;
  if (metaSectors >= totalSectors) {
    throw new CorruptError(`reserved, FAT and root regions (${metaSectors} sectors) fill the whole volume (${totalSectors})`);
  }
  const clusterCount = Math.floor((totalSectors - metaSectors) / sectorsPerCluster);
  if (clusterCount === 0) throw new CorruptError('the data region holds no cluster');

  const notes: string[] = [];
  const fatType = classify(fat16Size, rootEntryCount, clusterCount, notes);
  const variant = fatVariant(fatType);
  const fatEntries = Math.floor((sectorsPerFat * bytesPerSector * 8) / variant.entryBits);
  if (fatEntries < clusterCount + 2) {
    throw new CorruptError(`the FAT holds ${fatEntries} entries but the volume claims ${clusterCount} clusters`);
  }

  let fatIndex = 0;
  let rootCluster = 0;
  let volumeId: number | undefined;
  let volumeLabel: string | undefined;
  if (fatType === 'fat32') {
    const extFlags = sector.readUInt16LE(40);
    if (extFlags & 0x80) fatIndex = extFlags & 0x0f; // mirroring off: one active FAT
    if (fatIndex >= fatCount) throw new CorruptError(`active FAT ${fatIndex} of ${fatCount}`);
    const version = sector.readUInt16LE(42);
    if (version !== 0) throw new UnsupportedError(`FAT32 version ${version >> 8}.${version & 0xff}`);
    rootCluster = sector.readUInt32LE(44) & 0x0fffffff;
    if (rootCluster < 2 || rootCluster > clusterCount + 1) {
      throw new CorruptError(`root directory cluster ${rootCluster} is outside 2–${clusterCount + 1}`);
    }
  }
  // The extended boot signature 0x29 says the volume id and label fields are present.
  const extended = fatType === 'fat32' ? 64 : 36;
  if (sector[extended + 2] === 0x29) {
    volumeId = sector.readUInt32LE(extended + 3);
    volumeLabel = text(sector, extended + 7, extended + 18);
  }

  const fatBytes = sectorsPerFat * bytesPerSector;
  const fatStart = reservedSectors * bytesPerSector;
  const rootDirOffset = fatStart + fatCount * fatBytes;
  return {
    fatType,
    oemName: text(sector, 3, 11),
    bytesPerSector,
    sectorsPerCluster,
    clusterSize: bytesPerSector * sectorsPerCluster,
    reservedSectors,
    fatCount,
    sectorsPerFat,
    rootEntryCount,
    totalSectors,
    mediaDescriptor,
    volumeBytes: totalSectors * bytesPerSector,
    fatOffset: fatStart + fatIndex * fatBytes,
    fatBytes,
    rootDirOffset,
    rootDirBytes: rootDirSectors * bytesPerSector,
    dataOffset: metaSectors * bytesPerSector,
    clusterCount,
    maxCluster: clusterCount + 1,
    rootCluster,
    ...(volumeId === undefined ? {} : { volumeId }),
    ...(volumeLabel && volumeLabel !== 'NO NAME' ? { volumeLabel } : {}),
    notes,
  };
}

/** A BPB with a 16-bit FAT size is FAT12/16 by cluster count; one without is laid out as FAT32. */
function classify(fat16Size: number, rootEntryCount: number, clusterCount: number, notes: string[]): FatType {
  const byCount = fatTypeForClusterCount(clusterCount);
  if (fat16Size === 0) {
    if (rootEntryCount !== 0) throw new CorruptError(`a FAT32 layout with ${rootEntryCount} fixed root entries`);
    if (byCount !== 'fat32') notes.push(`FAT32 layout with only ${clusterCount} clusters (the spec wants 65525 or more)`);
    return 'fat32';
  }
  if (rootEntryCount === 0) throw new CorruptError('a FAT12/16 layout without root directory entries');
  if (byCount === 'fat32') throw new CorruptError(`${clusterCount} clusters do not fit a FAT12/16 layout`);
  return byCount;
}
