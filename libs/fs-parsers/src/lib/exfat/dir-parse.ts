import { ENTRY, ENTRY_SIZE, type FileSet, decodeFileSet } from './entry-set.js';

/** A critical primary entry of the root that points at clusters: the allocation bitmap or up-case table. */
export interface SystemEntry {
  /** Bitmap: BitmapFlags bit 0 (which FAT it belongs to). Up-case table: 0. */
  flags: number;
  firstCluster: number;
  dataLength: number;
  /** Up-case table: TableChecksum. */
  checksum: number;
}

export interface ParsedDirectory {
  sets: FileSet[];
  volumeLabel?: string;
  bitmaps: SystemEntry[];
  upcase?: SystemEntry;
  /** The 0x00 end-of-directory mark was met. */
  ended: boolean;
  /** In-use entries that belong to no readable set (orphan secondaries, unknown types...). */
  skipped: number;
}

/**
 * Decodes a directory's entries into File sets (live 0x85 and deleted 0x05), plus the volume label,
 * allocation bitmap and up-case table entries the root holds. Other entries (volume GUID, TexFAT
 * padding, vendor extensions) are stepped over with their secondaries.
 */
export function parseExfatDirectory(bytes: Buffer, upcase?: (unit: number) => number): ParsedDirectory {
  const result: ParsedDirectory = { sets: [], bitmaps: [], ended: false, skipped: 0 };
  for (let at = 0; at + ENTRY_SIZE <= bytes.length; ) {
    const type = bytes[at] as number;
    if (type === ENTRY.END) {
      result.ended = true;
      break;
    }
    if ((type | ENTRY.IN_USE) === ENTRY.FILE) {
      const decoded = decodeFileSet(bytes, at, upcase);
      if (decoded.set) result.sets.push(decoded.set);
      else if (type === ENTRY.FILE) result.skipped += decoded.used;
      at += decoded.used * ENTRY_SIZE;
      continue;
    }
    if (type === ENTRY.LABEL) result.volumeLabel = readLabel(bytes, at);
    else if (type === ENTRY.BITMAP || type === ENTRY.UPCASE) systemEntry(bytes, at, result);
    else if ((type & 0xc0) === 0x80 && type > ENTRY.FILE) at += benignSecondaries(bytes, at) * ENTRY_SIZE;
    else if (type & ENTRY.IN_USE) result.skipped++;
    at += ENTRY_SIZE;
  }
  return result;
}

function readLabel(bytes: Buffer, at: number): string {
  const count = Math.min(bytes[at + 1] as number, 11);
  return bytes.toString('utf16le', at + 2, at + 2 + count * 2);
}

function systemEntry(bytes: Buffer, at: number, result: ParsedDirectory): void {
  const entry: SystemEntry = {
    flags: bytes[at] === ENTRY.BITMAP ? (bytes[at + 1] as number) & 1 : 0,
    firstCluster: bytes.readUInt32LE(at + 20),
    dataLength: Math.min(Number(bytes.readBigUInt64LE(at + 24)), Number.MAX_SAFE_INTEGER),
    checksum: bytes[at] === ENTRY.UPCASE ? bytes.readUInt32LE(at + 4) : 0,
  };
  if (bytes[at] === ENTRY.BITMAP) result.bitmaps.push(entry);
  else result.upcase ??= entry;
}

/** How many in-use secondary entries (0xC0–0xFF) follow a benign primary, up to its SecondaryCount. */
function benignSecondaries(bytes: Buffer, at: number): number {
  const claimed = bytes[at + 1] as number;
  let n = 0;
  while (n < claimed && at + (n + 2) * ENTRY_SIZE <= bytes.length && (bytes[at + (n + 1) * ENTRY_SIZE] as number) >= 0xc0) n++;
  return n;
}
