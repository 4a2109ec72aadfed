/**
 * Test helpers for the Recycle Bin: `$I` bytes built from the documented layout, and the fixture
 * built by tools/fixtures/build-recycle-bin-fixture.sh with its manifest.
 */
import { fixtureFiles } from './fixture-files.js';

const recycleBinFiles = fixtureFiles('recycle-bin');

export interface RecycleBinManifestItem {
  /** Where the `$R` entry is listed (a deleted 8.3 name has lost its '$'). */
  recycledPath: string;
  infoPath: string;
  version: 1 | 2;
  originalPath: string;
  originalName: string;
  deletedAt: string;
  isDirectory: boolean;
  size: number;
  sha256?: string;
  /** Deleted with the bin emptied: both entries are deleted ones now. */
  emptied: boolean;
  /** A `$R` folder's content: each path under it and where it was. */
  children?: { path: string; originalPath: string; size: number; sha256?: string; isDirectory: boolean }[];
}

export interface RecycleBinManifest {
  image: string;
  fatType: string;
  sid: string;
  note: string;
  items: RecycleBinManifestItem[];
}

export const loadRecycleBinManifest = (): RecycleBinManifest => recycleBinFiles.manifest('recycle-bin');

export const recycleBinImage = (): Buffer => recycleBinFiles.image('recycle-bin');

/** `$I` bytes: version 1 pads the path to 260 characters, version 2 counts them (NUL included). */
export function encodeRecycleBinInfo(version: 1 | 2, size: number, filetime: bigint, originalPath: string): Buffer {
  const header = Buffer.alloc(24);
  header.writeBigUInt64LE(BigInt(version), 0);
  header.writeBigUInt64LE(BigInt(size), 8);
  header.writeBigUInt64LE(filetime, 16);
  const path = Buffer.from(`${originalPath}\0`, 'utf16le');
  if (version === 1) {
    if (path.length > 520) throw new RangeError('a version 1 path holds at most 259 characters');
    return Buffer.concat([header, path, Buffer.alloc(520 - path.length)]);
  }
  const count = Buffer.alloc(4);
  count.writeUInt32LE(path.length / 2);
  return Buffer.concat([header, count, path]);
}
