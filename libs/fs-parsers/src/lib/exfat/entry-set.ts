import { entrySetChecksum, nameHash } from './checksums.js';
import { type ExfatTimestamp, fileEntryTimes } from './exfat-time.js';

/** Directory entry types (spec §6.2): bit 7 is InUse, so a deleted File set reads 0x05 / 0x40 / 0x41. */
export const ENTRY = {
  END: 0x00,
  BITMAP: 0x81,
  UPCASE: 0x82,
  LABEL: 0x83,
  FILE: 0x85,
  STREAM: 0xc0,
  NAME: 0xc1,
  IN_USE: 0x80,
} as const;
export const ENTRY_SIZE = 32;
export const ATTR_DIRECTORY = 0x10;
/** A File set holds a stream extension and 1–17 name entries (255 characters at 15 per entry). */
const MAX_FILE_SECONDARIES = 18;
const NAME_UNITS_PER_ENTRY = 15;
const NO_FAT_CHAIN = 0x02;

/** One File directory entry set, live or deleted, decoded. */
export interface FileSet {
  /** Byte offset of the File entry in the directory. */
  offset: number;
  deleted: boolean;
  attributes: number;
  isDirectory: boolean;
  name: string;
  created: ExfatTimestamp;
  modified: ExfatTimestamp;
  accessed: ExfatTimestamp;
  noFatChain: boolean;
  firstCluster: number;
  validDataLength: number;
  dataLength: number;
  notes: string[];
}

/**
 * Decodes the set whose File entry is at `at`. Only the secondary entries that follow and match the
 * set's state (0xC0–0xFF live, 0x40–0x7F deleted) are taken, at most SecondaryCount of them, so a
 * hostile count never swallows the next set. Returns how many 32-byte entries it used and the set,
 * or undefined (with why) when there is no stream extension or name to build one from.
 */
export function decodeFileSet(
  bytes: Buffer,
  at: number,
  upcase?: (unit: number) => number,
): { used: number; set?: FileSet; problem?: string } {
  const deleted = (bytes[at] as number) < ENTRY.IN_USE;
  const claimed = bytes[at + 1] as number;
  const low = deleted ? 0x40 : 0xc0;
  let taken = 0;
  while (taken < claimed && at + (taken + 2) * ENTRY_SIZE <= bytes.length) {
    const type = bytes[at + (taken + 1) * ENTRY_SIZE] as number;
    if (type < low || type >= low + 0x40) break;
    taken++;
  }
  const used = 1 + taken;
  const entry = (i: number) => bytes.subarray(at + i * ENTRY_SIZE, at + (i + 1) * ENTRY_SIZE);
  const stream = taken > 0 ? entry(1) : undefined;
  if (!stream || ((stream[0] as number) | ENTRY.IN_USE) !== ENTRY.STREAM) return { used, problem: 'no stream extension' };
  const nameLength = stream[3] as number;
  const units: number[] = [];
  for (let i = 2; i <= taken && units.length < nameLength; i++) {
    const part = entry(i);
    if (((part[0] as number) | ENTRY.IN_USE) !== ENTRY.NAME) break;
    for (let u = 0; u < NAME_UNITS_PER_ENTRY && units.length < nameLength; u++) units.push(part.readUInt16LE(2 + u * 2));
  }
  if (units.length === 0) return { used, problem: 'no file name entry' };

  const notes: string[] = [];
  const name = cleanName(units, notes);
  if (units.length < nameLength) notes.push(`only ${units.length} of the name's ${nameLength} characters survive`);
  if (claimed > MAX_FILE_SECONDARIES) notes.push(`SecondaryCount ${claimed} is more than the ${MAX_FILE_SECONDARIES} a file set may have`);
  if (taken < claimed) {
    const why = deleted ? 'newer entries overwrote the rest' : 'the rest are not secondary entries';
    notes.push(`the set claims ${claimed} secondary entries but ${taken} follow (${why}); its checksum cannot be verified`);
  } else {
    verifyChecksum(bytes.subarray(at, at + used * ENTRY_SIZE), deleted, notes);
  }
  if (upcase && units.length === nameLength) verifyNameHash(name, stream.readUInt16LE(4), upcase, notes);

  const primary = entry(0);
  const attributes = primary.readUInt16LE(4);
  const validDataLength = readLength(stream, 8, 'ValidDataLength', notes);
  const dataLength = readLength(stream, 24, 'DataLength', notes);
  const set: FileSet = {
    offset: at,
    deleted,
    attributes,
    isDirectory: (attributes & ATTR_DIRECTORY) !== 0,
    name,
    ...fileEntryTimes(primary),
    noFatChain: ((stream[1] as number) & NO_FAT_CHAIN) !== 0,
    firstCluster: stream.readUInt32LE(20),
    validDataLength: Math.min(validDataLength, dataLength),
    dataLength,
    notes,
  };
  if (validDataLength > dataLength) notes.push(`ValidDataLength ${validDataLength} exceeds DataLength ${dataLength}`);
  return { used, set };
}

function verifyChecksum(set: Buffer, deleted: boolean, notes: string[]): void {
  const stored = set.readUInt16LE(2);
  const computed = entrySetChecksum(set, deleted);
  if (stored === computed) return;
  const hex = (n: number) => `0x${n.toString(16).padStart(4, '0')}`;
  const how = deleted ? ' (in-use bits restored)' : '';
  notes.push(`set checksum ${hex(computed)}${how} does not match the stored ${hex(stored)}: the entries were altered`);
}

function verifyNameHash(name: string, stored: number, upcase: (unit: number) => number, notes: string[]): void {
  const computed = nameHash(name, upcase);
  if (computed !== stored) notes.push(`name hash 0x${computed.toString(16)} does not match the stored 0x${stored.toString(16)}`);
}

/** A name without '/' or control characters (they would break paths); such units become U+FFFD. */
function cleanName(units: number[], notes: string[]): string {
  const bad = units.filter((u) => u < 0x20 || u === 0x2f).length;
  if (bad > 0) notes.push(`the name holds ${bad} characters a name may not hold ('/' or control); shown as U+FFFD`);
  return String.fromCharCode(...units.map((u) => (u < 0x20 || u === 0x2f ? 0xfffd : u)));
}

function readLength(stream: Buffer, at: number, field: string, notes: string[]): number {
  const value = stream.readBigUInt64LE(at);
  if (value <= BigInt(Number.MAX_SAFE_INTEGER)) return Number(value);
  notes.push(`${field} ${value} is impossible; read as 0`);
  return 0;
}
