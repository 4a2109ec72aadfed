/**
 * The 32-byte FAT directory entry (fatgen103 §6) and its long-name form (attributes 0x0F).
 */
export const DIR_ENTRY_SIZE = 32;
export const DELETED_MARK = 0xe5;
export const ATTR_VOLUME_ID = 0x08;
export const ATTR_DIRECTORY = 0x10;
const ATTR_LONG_NAME = 0x0f;
const LOWER_BASE = 0x08;
const LOWER_EXTENSION = 0x10;

export interface ShortDirEntry {
  kind: 'short';
  /** The 11 name bytes as stored (a deleted entry's first byte is 0xE5). */
  name: Buffer;
  deleted: boolean;
  attributes: number;
  /** Windows NT case flags: 0x08 lower-case base name, 0x10 lower-case extension. */
  caseFlags: number;
  createTenths: number;
  createTime: number;
  createDate: number;
  accessDate: number;
  writeTime: number;
  writeDate: number;
  /** High word (FAT32) and low word together. */
  firstCluster: number;
  size: number;
}

export interface LongNameEntry {
  kind: 'lfn';
  deleted: boolean;
  /** Sequence number with the 0x40 "last" flag; lost (0xE5) in a deleted entry. */
  order: number;
  checksum: number;
  /** The 13 UTF-16 code units this entry holds. */
  units: number[];
}

export type DirEntry = ShortDirEntry | LongNameEntry | { kind: 'end' };

const LFN_UNIT_OFFSETS = [1, 3, 5, 7, 9, 14, 16, 18, 20, 22, 24, 28, 30];

/** Decodes the entry at `at`; 'end' for the 0x00 end-of-directory mark. */
export function decodeDirEntry(bytes: Buffer, at: number, fat32: boolean): DirEntry {
  const first = bytes[at] ?? 0;
  if (first === 0) return { kind: 'end' };
  const attributes = bytes[at + 11] ?? 0;
  const deleted = first === DELETED_MARK;
  if ((attributes & 0x3f) === ATTR_LONG_NAME) {
    return {
      kind: 'lfn',
      deleted,
      order: first,
      checksum: bytes[at + 13] ?? 0,
      units: LFN_UNIT_OFFSETS.map((offset) => bytes.readUInt16LE(at + offset)),
    };
  }
  const name = Buffer.from(bytes.subarray(at, at + 11));
  if (first === 0x05) name[0] = DELETED_MARK; // 0x05 stands for a real 0xE5 (KANJI lead byte)
  const high = fat32 ? bytes.readUInt16LE(at + 20) : 0;
  return {
    kind: 'short',
    name,
    deleted,
    attributes,
    caseFlags: bytes[at + 12] ?? 0,
    createTenths: bytes[at + 13] ?? 0,
    createTime: bytes.readUInt16LE(at + 14),
    createDate: bytes.readUInt16LE(at + 16),
    accessDate: bytes.readUInt16LE(at + 18),
    writeTime: bytes.readUInt16LE(at + 22),
    writeDate: bytes.readUInt16LE(at + 24),
    firstCluster: high * 0x10000 + bytes.readUInt16LE(at + 26),
    size: bytes.readUInt32LE(at + 28),
  };
}

const FORBIDDEN = new Set([...'"*/:<>?\\|'].map((c) => c.charCodeAt(0)));

/** A short entry whose name and attributes could have been written by a FAT driver (filters garbage). */
export function isPlausibleShortEntry(entry: ShortDirEntry): boolean {
  if (entry.attributes & 0xc0) return false;
  if (entry.name[0] === 0x20) return false;
  return entry.name.every((b, i) => (i === 0 && entry.deleted) || (b >= 0x20 && b !== 0x7f && !FORBIDDEN.has(b)));
}

/** The entry is '.' or '..'. */
export function isDotEntry(entry: ShortDirEntry): boolean {
  return entry.name[0] === 0x2e && (entry.name[1] === 0x20 || (entry.name[1] === 0x2e && entry.name[2] === 0x20));
}

/** The short-name checksum every long-name entry of the same file carries (fatgen103 §7). */
export function shortNameChecksum(name: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < 11; i++) sum = (((sum & 1) << 7) + (sum >>> 1) + (name[i] ?? 0)) & 0xff;
  return sum;
}

/** 'NAME.EXT' from the 11 stored bytes, honouring the NT lower-case flags; `first` replaces byte 0. */
export function formatShortName(entry: ShortDirEntry, first?: string): string {
  const decode = (from: number, to: number, lower: boolean): string => {
    const s = entry.name.toString('latin1', from, to).replace(/ +$/, '');
    return lower ? s.toLowerCase() : s;
  };
  let base = decode(0, 8, (entry.caseFlags & LOWER_BASE) !== 0);
  const extension = decode(8, 11, (entry.caseFlags & LOWER_EXTENSION) !== 0);
  if (first !== undefined) base = first + base.slice(1);
  return extension ? `${base}.${extension}` : base;
}
