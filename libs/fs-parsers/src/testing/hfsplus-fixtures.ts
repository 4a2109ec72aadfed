/**
 * Test helpers for the HFS+ fixtures built by tools/fixtures/build-hfsplus-fixtures.sh: the
 * manifests and the images (gunzipped), plus the catalog layout facts hostile tests patch.
 */
import { fixtureFiles, type ManifestEntry } from './fixture-files.js';

export const HFS_FIXTURES = ['hfsplus', 'hfsx', 'wrapped'] as const;
/** The journaled volume: its deleted photos come back from the journal, not from node slack. */
export const HFS_JOURNALED = 'hfsplus-journaled';
export type HfsFixtureName = (typeof HFS_FIXTURES)[number] | typeof HFS_JOURNALED;

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
  entries: ManifestEntry[];
  journal?: HfsJournalManifest;
}

const hfsFiles = fixtureFiles('hfsplus');

export const loadHfsManifest = (name: HfsFixtureName): HfsManifest => hfsFiles.manifest(name);

export const hfsFixtureImage = (name: HfsFixtureName): Buffer => hfsFiles.image(name);

/** Where the volume header and the catalog file lie in the plain 'hfsplus' image (read from its header). */
export function hfsLayout(image: Buffer): { blockSize: number; catalogOffset: number; nodeSize: number; extentsOffset: number } {
  const header = image.subarray(1024, 1536);
  const blockSize = header.readUInt32BE(40);
  const catalogOffset = header.readUInt32BE(272 + 16) * blockSize;
  const extentsOffset = header.readUInt32BE(192 + 16) * blockSize;
  return { blockSize, catalogOffset, extentsOffset, nodeSize: image.readUInt16BE(catalogOffset + 32) };
}
