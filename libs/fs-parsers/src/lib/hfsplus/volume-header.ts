import { CorruptError, UnsupportedError } from '../errors.js';
import { hfsDate } from './hfs-time.js';

export const HFS_PLUS_SIGNATURE = 0x482b; // 'H+'
export const HFSX_SIGNATURE = 0x4858; // 'HX'
const JOURNALED_BIT = 1 << 13;
const SOFTWARE_LOCK_BIT = 1 << 15;
const UNMOUNTED_BIT = 1 << 8;
const CNIDS_REUSED_BIT = 1 << 12;

export interface Extent {
  startBlock: number;
  blockCount: number;
}

/** HFSPlusForkData: 80 bytes, the first 8 extents of a fork. */
export interface ForkData {
  logicalSize: number;
  totalBlocks: number;
  extents: Extent[];
}

export type SpecialFile = 'allocation' | 'extents' | 'catalog' | 'attributes' | 'startup';

export interface VolumeHeader {
  signature: 'H+' | 'HX';
  version: number;
  attributes: number;
  journaled: boolean;
  softwareLocked: boolean;
  unmountedCleanly: boolean;
  cnidsReused: boolean;
  journalInfoBlock: number;
  /** TN1150: the create date is local time (the others are UTC); read here as if it were UTC. */
  createdAt?: string;
  modifiedAt?: string;
  backedUpAt?: string;
  checkedAt?: string;
  fileCount: number;
  folderCount: number;
  blockSize: number;
  totalBlocks: number;
  freeBlocks: number;
  nextCatalogID: number;
  forks: Record<SpecialFile, ForkData>;
}

/** Reads fork data at `at` (80 bytes); a logical size past 2^53 is clamped, and the caller checks it. */
export function parseForkData(bytes: Buffer, at: number): ForkData {
  const logical = bytes.readBigUInt64BE(at);
  const extents: Extent[] = [];
  for (let i = 0; i < 8; i++) {
    const blockCount = bytes.readUInt32BE(at + 20 + i * 8);
    if (blockCount > 0) extents.push({ startBlock: bytes.readUInt32BE(at + 16 + i * 8), blockCount });
  }
  const logicalSize = logical > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(logical);
  return { logicalSize, totalBlocks: bytes.readUInt32BE(at + 12), extents };
}

const FORK_AT: Record<SpecialFile, number> = { allocation: 112, extents: 192, catalog: 272, attributes: 352, startup: 432 };

/** Parses the 512-byte volume header found 1024 bytes into the volume; throws for a foreign or broken one. */
export function parseVolumeHeader(bytes: Buffer): VolumeHeader {
  const signature = bytes.readUInt16BE(0);
  if (signature !== HFS_PLUS_SIGNATURE && signature !== HFSX_SIGNATURE) {
    throw new UnsupportedError(`no HFS+ signature at byte 1024 (found 0x${signature.toString(16).padStart(4, '0')})`);
  }
  const version = bytes.readUInt16BE(2);
  if (version !== 4 && version !== 5) throw new UnsupportedError(`HFS+ version ${version} is neither 4 (HFS+) nor 5 (HFSX)`);
  const blockSize = bytes.readUInt32BE(40);
  if (blockSize < 512 || blockSize > 1 << 26 || (blockSize & (blockSize - 1)) !== 0) {
    throw new CorruptError(`block size ${blockSize} is not a power of two between 512 bytes and 64 MiB`);
  }
  const totalBlocks = bytes.readUInt32BE(44);
  if (totalBlocks === 0) throw new CorruptError('the volume header says the volume has 0 blocks');
  const attributes = bytes.readUInt32BE(4);
  const forks = Object.fromEntries(
    Object.entries(FORK_AT).map(([name, at]) => [name, parseForkData(bytes, at)]),
  ) as Record<SpecialFile, ForkData>;
  return {
    signature: signature === HFSX_SIGNATURE ? 'HX' : 'H+',
    version,
    attributes,
    journaled: (attributes & JOURNALED_BIT) !== 0,
    softwareLocked: (attributes & SOFTWARE_LOCK_BIT) !== 0,
    unmountedCleanly: (attributes & UNMOUNTED_BIT) !== 0,
    cnidsReused: (attributes & CNIDS_REUSED_BIT) !== 0,
    journalInfoBlock: bytes.readUInt32BE(12),
    createdAt: hfsDate(bytes.readUInt32BE(16)),
    modifiedAt: hfsDate(bytes.readUInt32BE(20)),
    backedUpAt: hfsDate(bytes.readUInt32BE(24)),
    checkedAt: hfsDate(bytes.readUInt32BE(28)),
    fileCount: bytes.readUInt32BE(32),
    folderCount: bytes.readUInt32BE(36),
    blockSize,
    totalBlocks,
    freeBlocks: bytes.readUInt32BE(48),
    nextCatalogID: bytes.readUInt32BE(64),
    forks,
  };
}
