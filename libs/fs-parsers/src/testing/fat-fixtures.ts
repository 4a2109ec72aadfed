/**
 * Test helpers for the FAT fixtures built by tools/fixtures/build-fat-fixtures.sh: the manifests and
 * images, the paths deleted entries come back under, and small byte-patching tools.
 */
import { fixtureFiles, type ManifestEntry } from './fixture-files.js';

export const FAT_FIXTURES = ['fat12', 'fat16', 'fat32'] as const;
export type FatFixtureName = (typeof FAT_FIXTURES)[number];

export interface FixtureManifest {
  image: string;
  fatType: string;
  volumeLabel: string;
  entries: ManifestEntry[];
}

/** fixtures/fat: these three, fat32-formatted (formatted-fixture.ts) and their manifests. */
export const fatFiles = fixtureFiles('fat');

export const loadManifest = (name: FatFixtureName): FixtureManifest => fatFiles.manifest(name);

export const fixtureImage = (name: FatFixtureName): Buffer => fatFiles.image(name);

/**
 * The path a deleted entry comes back under: a deleted name that fits 8.3 in upper case had no
 * long-name entries, so its first character (lost on deletion) reads as '_'. That holds for the
 * entry and for each deleted directory above it.
 */
export function recoveredPath(entry: ManifestEntry, manifest: FixtureManifest): string {
  const deletedPaths = new Set(manifest.entries.filter((e) => e.deleted).map((e) => e.path));
  const parts = entry.path.split('/');
  return parts
    .map((part, i) => {
      const deleted = deletedPaths.has(parts.slice(0, i + 1).join('/'));
      return deleted && /^[A-Z0-9_]{1,8}(\.[A-Z0-9]{1,3})?$/.test(part) ? `_${part.slice(1)}` : part;
    })
    .join('/');
}

/** Writes FAT entry `n` of the FAT copy at `fatOffset` (12, 16 or 32 bits). */
export function writeFatEntry(image: Buffer, fatOffset: number, bits: 12 | 16 | 32, n: number, value: number): void {
  if (bits === 16) return void image.writeUInt16LE(value, fatOffset + n * 2);
  if (bits === 32) return void image.writeUInt32LE(value, fatOffset + n * 4);
  const at = fatOffset + n + (n >>> 1);
  const pair = image.readUInt16LE(at);
  image.writeUInt16LE(n & 1 ? (pair & 0x000f) | (value << 4) : (pair & 0xf000) | value, at);
}

export function readFatEntry(image: Buffer, fatOffset: number, bits: 12 | 16 | 32, n: number): number {
  if (bits === 16) return image.readUInt16LE(fatOffset + n * 2);
  if (bits === 32) return image.readUInt32LE(fatOffset + n * 4) & 0x0fffffff;
  const pair = image.readUInt16LE(fatOffset + n + (n >>> 1));
  return n & 1 ? pair >>> 4 : pair & 0xfff;
}
