/**
 * Test helpers for the exFAT fixture built by tools/fixtures/build-exfat-fixtures.sh: its manifest,
 * the gunzipped image, small byte-patching tools (entry-set checksums) and a patched-copy opener.
 */
import type { ExfatGeometry } from '../lib/exfat/boot-sector.js';
import { entrySetChecksum } from '../lib/exfat/checksums.js';
import { exfat } from '../lib/exfat/exfat-descriptor.js';
import type { ExfatFileSystem } from '../lib/exfat/exfat-filesystem.js';
import type { FsEntry } from '../lib/filesystem.js';
import { bufferSource } from '../lib/source/buffer-source.js';
import { openFileSource } from '../lib/source/file-source.js';
import { contentSha256 } from './fixture-checks.js';
import { fixtureFiles, type ManifestEntry } from './fixture-files.js';

export interface ExfatManifestEntry extends ManifestEntry {
  /** Deleted entries: the bytes are still on the card, untouched. */
  recoverable?: boolean;
  /** As exfat-fuse stored them, in UTC (access times keep 2-second steps). Absent for deleted folders. */
  modifiedAt?: string;
  accessedAt?: string;
}

export interface ExfatManifest {
  image: string;
  filesystem: 'exfat';
  volumeLabel: string;
  clusterSize: number;
  /** The zone the card was written in: its entries carry this UTC offset. */
  cardTimeZone: string;
  entries: ExfatManifestEntry[];
}

/** fixtures/exfat: exfat, exfat-formatted (exfat-formatted-fixture.ts) and their manifests. */
export const exfatFiles = fixtureFiles('exfat');

export const loadExfatManifest = (): ExfatManifest => exfatFiles.manifest('exfat');

export const exfatImage = (): Buffer => exfatFiles.image('exfat');

/** Recomputes the SetChecksum of the entry set whose File entry is at `at` (after a test patched it). */
export function fixSetChecksum(image: Buffer, at: number): void {
  const count = image[at + 1] as number;
  const set = image.subarray(at, at + (count + 1) * 32);
  set.writeUInt16LE(entrySetChecksum(set, (image[at] as number) < 0x80), 2);
}

/** Byte offset of the File entry whose name (UTF-16) is `name`, searched from `from`. */
export function fileEntryOffset(image: Buffer, name: string, from = 0): number {
  const encoded = Buffer.from(name.slice(0, 15), 'utf16le');
  for (let at = image.indexOf(encoded, from); at >= 0; at = image.indexOf(encoded, at + 1)) {
    // The first name entry starts 2 bytes before the name, 64 bytes after the File entry.
    const entry = at - 2 - 64;
    if ((at - 2) % 32 === 0 && entry >= 0 && ((image[entry] as number) | 0x80) === 0x85) return entry;
  }
  throw new Error(`no File entry named ${name}`);
}

/** The clusters an entry's byte runs cover, in order. */
export function clustersOf(entry: FsEntry, g: ExfatGeometry): number[] {
  return entry.byteRuns.flatMap((r) =>
    Array.from({ length: Math.ceil(r.length / g.clusterSize) }, (_, i) => (r.offset - g.dataOffset) / g.clusterSize + 2 + i),
  );
}

/**
 * Patches a copy of the fixture, writes it to `dir` and opens it through openFileSource, as a user's
 * image would be. `read` hashes an entry's bytes from the patched copy.
 */
export async function openPatchedExfat(dir: { write(name: string, bytes: Uint8Array): string }, patch: (image: Buffer) => void) {
  const image = exfatImage();
  patch(image);
  const source = await openFileSource(dir.write('patched-exfat.img', image));
  try {
    const fs = (await exfat.open(source)) as ExfatFileSystem;
    const entries = await fs.entries();
    const read = (e: FsEntry) => contentSha256(bufferSource(image), e);
    return { fs, entries, read, free: await fs.freeRanges() };
  } finally {
    await source.close();
  }
}
