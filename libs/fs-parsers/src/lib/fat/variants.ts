/**
 * The FAT variants and their hooks. FAT12/16/32 differ only in data: entry width, the end-of-chain
 * and bad-cluster markers, and where the root directory lives. exFAT joins later with hooks of its own
 * (allocation bitmap, entry sets).
 */
export type FatType = 'fat12' | 'fat16' | 'fat32';

export interface FatVariant {
  readonly id: FatType | 'exfat';
  readonly name: string;
  readonly entryBits: 12 | 16 | 32;
  /** Entry values at or above this end a chain. */
  readonly endOfChain: number;
  readonly badCluster: number;
  /** FAT32 entries hold 28 bits; the top four are reserved. */
  readonly valueMask: number;
  /** The root directory is a cluster chain (FAT32) rather than a fixed region after the FATs. */
  readonly rootIsChain: boolean;
  /** Byte offset of entry `n` from the start of the FAT. */
  entryOffset(n: number): number;
  /** Decodes entry `n`, whose first byte is at `at` in `bytes`. */
  decodeEntry(bytes: Buffer, at: number, n: number): number;
}

export const FAT12: FatVariant = {
  id: 'fat12',
  name: 'FAT12',
  entryBits: 12,
  endOfChain: 0xff8,
  badCluster: 0xff7,
  valueMask: 0xfff,
  rootIsChain: false,
  entryOffset: (n) => n + (n >>> 1),
  // Two entries share three bytes: an even entry takes the low 12 bits, an odd one the high 12.
  decodeEntry: (bytes, at, n) => {
    const pair = bytes.readUInt16LE(at);
    return n & 1 ? pair >>> 4 : pair & 0xfff;
  },
};

export const FAT16: FatVariant = {
  id: 'fat16',
  name: 'FAT16',
  entryBits: 16,
  endOfChain: 0xfff8,
  badCluster: 0xfff7,
  valueMask: 0xffff,
  rootIsChain: false,
  entryOffset: (n) => n * 2,
  decodeEntry: (bytes, at) => bytes.readUInt16LE(at),
};

export const FAT32: FatVariant = {
  id: 'fat32',
  name: 'FAT32',
  entryBits: 32,
  endOfChain: 0x0ffffff8,
  badCluster: 0x0ffffff7,
  valueMask: 0x0fffffff,
  rootIsChain: true,
  entryOffset: (n) => n * 4,
  decodeEntry: (bytes, at) => bytes.readUInt32LE(at) & 0x0fffffff,
};

/**
 * exFAT's FAT: 32-bit entries, all 32 bits used; 0xFFFFFFFF ends a chain (0xFFFFFFF8–FE are media
 * values, read as an end too). Allocation lives in the bitmap, not here: a zero entry only means
 * "no link" (a NoFatChain file, or a chain a driver cleared on deletion).
 */
export const EXFAT_FAT: FatVariant = {
  id: 'exfat',
  name: 'exFAT',
  entryBits: 32,
  endOfChain: 0xfffffff8,
  badCluster: 0xfffffff7,
  valueMask: 0xffffffff,
  rootIsChain: true,
  entryOffset: (n) => n * 4,
  decodeEntry: (bytes, at) => bytes.readUInt32LE(at),
};

export const FAT_VARIANTS: readonly FatVariant[] = [FAT12, FAT16, FAT32];

export function fatVariant(id: FatType): FatVariant {
  return id === 'fat12' ? FAT12 : id === 'fat16' ? FAT16 : FAT32;
}

/** Microsoft's rule (fatgen103): the type follows from the count of data clusters, nothing else. */
export function fatTypeForClusterCount(clusters: number): FatType {
  if (clusters < 4085) return 'fat12';
  if (clusters < 65525) return 'fat16';
  return 'fat32';
}
