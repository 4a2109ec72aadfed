import { CorruptError, TruncatedError, UnsupportedError } from '../errors.js';

/**
 * Everything the rest of exfat/ needs from the main (or backup) boot sector, in bytes and cluster
 * numbers (Microsoft exFAT specification §3.1). `fatOffset`, `fatBytes`, `dataOffset` (the cluster
 * heap), `clusterCount` and `maxCluster` are the shapes fat/'s FatTable and run helpers read.
 */
export interface ExfatGeometry {
  bytesPerSector: number;
  sectorsPerCluster: number;
  clusterSize: number;
  /** VolumeLength in sectors, and in bytes. */
  volumeSectors: number;
  volumeBytes: number;
  fatCount: number;
  /** The FAT in use (VolumeFlags bit 0 picks the second of two, TexFAT). */
  activeFat: number;
  /** Byte offset of the active FAT and the size of one FAT. */
  fatOffset: number;
  fatBytes: number;
  /** Byte offset of cluster 2: the cluster heap. */
  dataOffset: number;
  clusterCount: number;
  maxCluster: number;
  rootCluster: number;
  volumeSerial: number;
  /** FileSystemRevision as 'major.minor'. */
  revision: string;
  volumeFlags: number;
  percentInUse: number;
}

export const EXFAT_NAME = 'EXFAT   ';
/** The spec's ceiling on ClusterCount: 2^32 - 11. */
const MAX_CLUSTERS = 0xfffffff5;

/** "EXFAT   " at 3 and bytes 11–63 zero (where a FAT BPB would be): an exFAT boot sector, not FAT or NTFS. */
export function looksLikeExfat(sector: Buffer): boolean {
  if (sector.length < 64 || sector.toString('latin1', 3, 11) !== EXFAT_NAME) return false;
  for (let i = 11; i < 64; i++) if (sector[i] !== 0) return false;
  return true;
}

/** Parses and validates an exFAT boot sector: CorruptError for values that cannot describe a volume. */
export function parseExfatBootSector(sector: Buffer): ExfatGeometry {
  if (sector.length < 512) throw new TruncatedError(`an exFAT boot sector needs 512 bytes, got ${sector.length}`);
  if (!looksLikeExfat(sector)) throw new CorruptError('no exFAT boot sector: "EXFAT   " at byte 3 with bytes 11–63 zero');
  if (sector.readUInt16LE(510) !== 0xaa55) throw new CorruptError('the boot sector lacks its 0x55AA signature');
  const revision = sector.readUInt16LE(104);
  if (revision >> 8 !== 1) throw new UnsupportedError(`exFAT revision ${revision >> 8}.${revision & 0xff}`);
  const sectorShift = sector[108] as number;
  const clusterShift = sector[109] as number;
  if (sectorShift < 9 || sectorShift > 12) throw new CorruptError(`BytesPerSectorShift is ${sectorShift}, not 9–12`);
  if (clusterShift > 25 - sectorShift) throw new CorruptError(`SectorsPerClusterShift ${clusterShift} makes clusters over 32 MiB`);
  const fatCount = sector[110] as number;
  if (fatCount !== 1 && fatCount !== 2) throw new CorruptError(`NumberOfFats is ${fatCount}, not 1 or 2`);

  const bytesPerSector = 2 ** sectorShift;
  const sectorsPerCluster = 2 ** clusterShift;
  const volumeSectors = Number(sector.readBigUInt64LE(72));
  const fatSector = sector.readUInt32LE(80);
  const fatSectors = sector.readUInt32LE(84);
  const heapSector = sector.readUInt32LE(88);
  const clusterCount = sector.readUInt32LE(92);
  const rootCluster = sector.readUInt32LE(96);
  const volumeFlags = sector.readUInt16LE(106);

  if (!Number.isSafeInteger(volumeSectors * bytesPerSector)) throw new CorruptError(`VolumeLength ${volumeSectors} is impossible`);
  if (fatSector < 24) throw new CorruptError(`FatOffset ${fatSector} lies inside the boot regions (sectors 0–23)`);
  if (clusterCount === 0 || clusterCount > MAX_CLUSTERS) throw new CorruptError(`ClusterCount is ${clusterCount}`);
  if (fatSectors * bytesPerSector < (clusterCount + 2) * 4) {
    throw new CorruptError(`the FAT (${fatSectors} sectors) cannot hold ${clusterCount} clusters`);
  }
  if (heapSector < fatSector + fatCount * fatSectors) throw new CorruptError(`ClusterHeapOffset ${heapSector} overlaps the FATs`);
  if (heapSector + clusterCount * sectorsPerCluster > volumeSectors) {
    throw new CorruptError(`${clusterCount} clusters from sector ${heapSector} do not fit the ${volumeSectors}-sector volume`);
  }
  if (rootCluster < 2 || rootCluster > clusterCount + 1) {
    throw new CorruptError(`root directory cluster ${rootCluster} is outside 2–${clusterCount + 1}`);
  }
  const activeFat = fatCount === 2 ? volumeFlags & 1 : 0;
  return {
    bytesPerSector,
    sectorsPerCluster,
    clusterSize: bytesPerSector * sectorsPerCluster,
    volumeSectors,
    volumeBytes: volumeSectors * bytesPerSector,
    fatCount,
    activeFat,
    fatOffset: (fatSector + activeFat * fatSectors) * bytesPerSector,
    fatBytes: fatSectors * bytesPerSector,
    dataOffset: heapSector * bytesPerSector,
    clusterCount,
    maxCluster: clusterCount + 1,
    rootCluster,
    volumeSerial: sector.readUInt32LE(100),
    revision: `${revision >> 8}.${String(revision & 0xff).padStart(2, '0')}`,
    volumeFlags,
    percentInUse: sector[112] as number,
  };
}
