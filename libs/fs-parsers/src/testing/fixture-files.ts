/**
 * What every fixture helper does with the committed fixtures (fixtures/<family>/ at the repo root,
 * built by the scripts in tools/fixtures/): read a manifest, unpack an image, copy it to a temp
 * directory and open it as a user's image file, hash bytes.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { ByteSource } from '../lib/source/byte-source.js';
import { openFileSource } from '../lib/source/file-source.js';

/** A file or folder of a FAT, exFAT or HFS+ fixture manifest, as the build script wrote it. */
export interface ManifestEntry {
  path: string;
  isDirectory: boolean;
  size: number;
  deleted: boolean;
  sha256?: string;
  recoverable?: boolean;
  modifiedAt?: string;
  tags?: string[];
}

/** One family's files: `<name>.json` (the manifest) and `<name>.img.gz` in fixtures/<family>/. */
export function fixtureFiles(family: string) {
  const dir = resolve(import.meta.dirname, '../../../../fixtures', family);
  return {
    manifest: <T>(name: string): T => JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8')) as T,
    /** The unpacked image: a fresh Buffer each call, which a test may patch. */
    image: (name: string): Buffer => gunzipSync(readFileSync(join(dir, `${name}.img.gz`))),
  };
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** A temp directory for image copies; call cleanup() in afterAll. */
export function scratch(): { write(name: string, bytes: Uint8Array): string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'afterimage-fs-parsers-'));
  return {
    write(name, bytes) {
      const path = join(dir, name);
      writeFileSync(path, bytes);
      return path;
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Runs `use` on a temp copy of `image` (`<name>.img`) opened through openFileSource, then closes and removes it. */
export async function withImageFile<T>(name: string, image: Uint8Array, use: (source: ByteSource) => Promise<T>): Promise<T> {
  const temp = scratch();
  try {
    const source = await openFileSource(temp.write(`${name}.img`, image));
    try {
      return await use(source);
    } finally {
      await source.close();
    }
  } finally {
    temp.cleanup();
  }
}
