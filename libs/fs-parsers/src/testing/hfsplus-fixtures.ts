/**
 * Test helpers for the HFS+ fixtures built by tools/fixtures/build-hfsplus-fixtures.sh: the
 * manifests and the images (gunzipped), plus the catalog layout facts hostile tests patch.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';

export const HFS_FIXTURES = ['hfsplus', 'hfsx', 'wrapped'] as const;
/** The journaled volume: its deleted photos come back from the journal, not from node slack. */
export const HFS_JOURNALED = 'hfsplus-journaled';
export type HfsFixtureName = (typeof HFS_FIXTURES)[number] | typeof HFS_JOURNALED;

export interface HfsManifestEntry {
  path: string;
  isDirectory: boolean;
  size: number;
  deleted: boolean;
  sha256?: string;
  recoverable?: boolean;
  modifiedAt?: string;
  tags?: string[];
}

/** What the fixture builder wrote into the journaled fixture's journal (see build-hfsplus-fixtures.sh). */
export interface HfsJournalManifest {
  setup: { infoBlock: number; journalBlock: number; journalBlocks: number; offset: number; size: number; jhdrSize: number; blhdrSize: number; endian: string };
  transactions: number;
  ringBytes: number;
  bytesWritten: number;
  simulated: string;
}

export interface HfsManifest {
  image: string;
  signature: 'H+' | 'HX';
  wrapped: boolean;
  volumeName: string;
  blockSize: number;
  entries: HfsManifestEntry[];
  journal?: HfsJournalManifest;
}

export const HFS_FIXTURE_DIR = resolve(import.meta.dirname, '../../../../fixtures/hfsplus');

export function loadHfsManifest(name: HfsFixtureName): HfsManifest {
  return JSON.parse(readFileSync(join(HFS_FIXTURE_DIR, `${name}.json`), 'utf8')) as HfsManifest;
}

export function hfsFixtureImage(name: HfsFixtureName): Buffer {
  return gunzipSync(readFileSync(join(HFS_FIXTURE_DIR, `${name}.img.gz`)));
}

/** Where the volume header and the catalog file lie in the plain 'hfsplus' image (read from its header). */
export function hfsLayout(image: Buffer): { blockSize: number; catalogOffset: number; nodeSize: number; extentsOffset: number } {
  const header = image.subarray(1024, 1536);
  const blockSize = header.readUInt32BE(40);
  const catalogOffset = header.readUInt32BE(272 + 16) * blockSize;
  const extentsOffset = header.readUInt32BE(192 + 16) * blockSize;
  return { blockSize, catalogOffset, extentsOffset, nodeSize: image.readUInt16BE(catalogOffset + 32) };
}
