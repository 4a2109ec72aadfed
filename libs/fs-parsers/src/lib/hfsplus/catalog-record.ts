import { hfsDate } from './hfs-time.js';
import { readUniStr } from './unicode-name.js';
import { type ForkData, parseForkData } from './volume-header.js';

export const FOLDER_RECORD = 1;
export const FILE_RECORD = 2;
export const FOLDER_THREAD = 3;
export const FILE_THREAD = 4;
export const ROOT_FOLDER_ID = 2;
export const FIRST_USER_ID = 16;

export interface CatalogKey {
  parentID: number;
  /** The name as stored (decomposed UTF-16). */
  rawName: string;
}

interface Dates {
  createdAt?: string;
  modifiedAt?: string;
  accessedAt?: string;
}

export type CatalogRecord =
  | ({ type: 'folder'; key: CatalogKey; id: number; valence: number } & Dates)
  | ({ type: 'file'; key: CatalogKey; id: number; dataFork: ForkData; resourceFork: ForkData } & Dates)
  | { type: 'thread'; key: CatalogKey; folder: boolean; parentID: number; rawName: string };

/**
 * The catalog key at `at` (keyLength u16, parentID u32, HFSUniStr255): undefined unless the name
 * fills the key exactly, as it does in every leaf key. Returns where the record data starts.
 */
export function parseCatalogKey(bytes: Buffer, at: number, end: number): { key: CatalogKey; dataStart: number } | undefined {
  if (at + 8 > end) return undefined;
  const keyLength = bytes.readUInt16BE(at);
  if (keyLength < 6 || keyLength > 516 || keyLength & 1 || at + 2 + keyLength > end) return undefined;
  const name = readUniStr(bytes.subarray(at + 6, at + 2 + keyLength), 0);
  if (!name || 6 + name.units * 2 !== keyLength) return undefined;
  return { key: { parentID: bytes.readUInt32BE(at + 2), rawName: name.raw }, dataStart: at + 2 + keyLength };
}

/** The record whose data starts at `at` (up to `end`), or undefined when its type or size is wrong. */
export function parseCatalogData(bytes: Buffer, key: CatalogKey, at: number, end: number): CatalogRecord | undefined {
  if (at + 2 > end) return undefined;
  const type = bytes.readUInt16BE(at);
  const u32 = (offset: number) => bytes.readUInt32BE(at + offset);
  const dates = (): Dates => ({ createdAt: hfsDate(u32(12)), modifiedAt: hfsDate(u32(16)), accessedAt: hfsDate(u32(24)) });
  if (type === FOLDER_RECORD && at + 88 <= end) return { type: 'folder', key, id: u32(8), valence: u32(4), ...dates() };
  if (type === FILE_RECORD && at + 248 <= end) {
    return { type: 'file', key, id: u32(8), ...dates(), dataFork: parseForkData(bytes, at + 88), resourceFork: parseForkData(bytes, at + 168) };
  }
  if ((type === FOLDER_THREAD || type === FILE_THREAD) && at + 10 <= end) {
    const name = readUniStr(bytes.subarray(at + 8, end), 0);
    if (name) return { type: 'thread', key, folder: type === FOLDER_THREAD, parentID: u32(4), rawName: name.raw };
  }
  return undefined;
}

/** A whole leaf record (key then data) between `at` and `end`. */
export function parseCatalogRecord(bytes: Buffer, at: number, end: number): CatalogRecord | undefined {
  const key = parseCatalogKey(bytes, at, end);
  return key ? parseCatalogData(bytes, key.key, key.dataStart, end) : undefined;
}

/** Bytes a record of this type takes after its key (threads: up to a 255-unit name). */
export const RECORD_SIZE = { folder: 88, file: 248 } as const;
