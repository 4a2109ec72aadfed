import { CorruptError, TruncatedError, UnsupportedError } from '../errors.js';
import { filetimeToIso } from './filetime.js';

/**
 * A Recycle Bin `$I…` file: Windows writes one next to each `$R…` (the item's content) when it
 * moves a file or folder to the bin. Version 1 (Vista, 7, 8): version, size, deletion FILETIME,
 * then the original path in a fixed 260 UTF-16LE characters. Version 2 (Windows 10 and later): the
 * same three fields, then the path's length in characters (its NUL included) and that many characters.
 */
export interface RecycleBinInfo {
  version: 1 | 2;
  /** Size of the deleted file, or of everything in a deleted folder, in bytes. */
  originalSize: number;
  /** ISO 8601 UTC; absent when the FILETIME is zero or out of range (a note says so). */
  deletedAt?: string;
  /** As Windows had it: drive letter and backslashes. */
  originalPath: string;
  notes: string[];
}

const HEADER_BYTES = 24;
const V1_PATH_CHARS = 260;
/** The longest path Windows can name (the \\?\ limit), in UTF-16 units with the NUL. */
export const MAX_PATH_CHARS = 32_767;
/** The most any `$I` file can need; callers read at most this many bytes of one. */
export const MAX_INFO_BYTES = HEADER_BYTES + 4 + 2 * MAX_PATH_CHARS;

/** Parses `$I` bytes. TruncatedError when they end early, UnsupportedError for another version, CorruptError for impossible values. */
export function parseRecycleBinInfo(bytes: Buffer): RecycleBinInfo {
  if (bytes.length < HEADER_BYTES) throw new TruncatedError(`a $I file needs at least ${HEADER_BYTES} bytes, got ${bytes.length}`);
  const version = bytes.readBigUInt64LE(0);
  if (version !== 1n && version !== 2n) {
    throw new UnsupportedError(`$I version ${version} (only versions 1, Vista to 8, and 2, Windows 10 and later, are known)`);
  }
  const size = bytes.readBigUInt64LE(8);
  if (size > BigInt(Number.MAX_SAFE_INTEGER)) throw new CorruptError(`$I original size ${size} is not a plausible size`);
  const notes: string[] = [];
  const deletedAt = filetimeToIso(bytes.readBigUInt64LE(16));
  if (!deletedAt) notes.push(`deletion time 0x${bytes.readBigUInt64LE(16).toString(16)} is zero or out of range`);
  const originalPath = version === 1n ? readV1Path(bytes, notes) : readV2Path(bytes, notes);
  if (originalPath.length === 0) throw new CorruptError('$I holds an empty original path');
  return { version: version === 1n ? 1 : 2, originalSize: Number(size), ...(deletedAt ? { deletedAt } : {}), originalPath, notes };
}

function readV1Path(bytes: Buffer, notes: string[]): string {
  const end = HEADER_BYTES + 2 * V1_PATH_CHARS;
  if (bytes.length < end) throw new TruncatedError(`a version 1 $I file holds ${end} bytes, got ${bytes.length}`);
  return upToNul(bytes.subarray(HEADER_BYTES, end), notes);
}

function readV2Path(bytes: Buffer, notes: string[]): string {
  if (bytes.length < HEADER_BYTES + 4) throw new TruncatedError(`a version 2 $I file needs ${HEADER_BYTES + 4} bytes for its name length, got ${bytes.length}`);
  const chars = bytes.readUInt32LE(HEADER_BYTES);
  if (chars === 0 || chars > MAX_PATH_CHARS) {
    throw new CorruptError(`$I name length ${chars} is outside 1–${MAX_PATH_CHARS} characters`);
  }
  const end = HEADER_BYTES + 4 + 2 * chars;
  if (bytes.length < end) throw new TruncatedError(`the $I name of ${chars} characters needs ${end} bytes, got ${bytes.length}`);
  const path = upToNul(bytes.subarray(HEADER_BYTES + 4, end), notes);
  if (path.length < chars - 1) notes.push(`the name length says ${chars} characters with the NUL, the name holds ${path.length}`);
  return path;
}

/** UTF-16LE text up to its first NUL; a missing NUL is noted, never a reason to read further. */
function upToNul(units: Buffer, notes: string[]): string {
  for (let at = 0; at + 1 < units.length; at += 2) {
    if (units.readUInt16LE(at) === 0) return units.toString('utf16le', 0, at);
  }
  notes.push('the original path has no terminating NUL');
  return units.toString('utf16le', 0, units.length & ~1);
}
