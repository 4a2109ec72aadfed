import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { bufferSource, detectFilesystem } from '@afterimage/fs-parsers';
import { scanMedia, type MediaFinding } from './scan-media.js';

const dir = resolve(import.meta.dirname, '../../../../../fixtures/recycle-bin');
const manifest = JSON.parse(readFileSync(join(dir, 'recycle-bin.json'), 'utf8')) as {
  items: { recycledPath: string; originalPath: string; originalName: string; deletedAt?: string; size: number; emptied: boolean; isDirectory: boolean }[];
};
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** The fixture's Recycle Bin files hold seeded bytes; put a real photo into two of them (one still in the bin, one emptied). */
async function cardWithPhotos(paths: string[]): Promise<{ image: Buffer; photos: Map<string, string> }> {
  const image = gunzipSync(readFileSync(join(dir, 'recycle-bin.img.gz')));
  const fs = await (await detectFilesystem(bufferSource(image)))!.open(bufferSource(image));
  const entries = await fs.entries();
  const photos = new Map<string, string>();
  for (const [i, path] of paths.entries()) {
    const entry = entries.find((e) => e.path === path)!;
    const pixels = Buffer.alloc(24 * 24 * 3, 40 + i * 50);
    const jpeg = await sharp(pixels, { raw: { width: 24, height: 24, channels: 3 } }).jpeg().toBuffer();
    const bytes = Buffer.concat([jpeg, Buffer.alloc(entry.size - jpeg.length)]);
    let at = 0;
    for (const run of entry.byteRuns) at += bytes.copy(image, run.offset, at, at + run.length);
    photos.set(path, sha(bytes));
  }
  return { image, photos };
}

describe('scanMedia and the Windows Recycle Bin', async () => {
  const inBin = manifest.items.find((i) => !i.emptied && !i.isDirectory)!;
  const emptied = manifest.items.find((i) => i.emptied)!;
  const { image, photos } = await cardWithPhotos([inBin.recycledPath, emptied.recycledPath]);
  const findings: MediaFinding[] = [];
  for await (const finding of scanMedia(bufferSource(image, 'bin.img'), { workers: 1 })) findings.push(finding);

  it.each([
    ['still in the bin', inBin],
    ['after the bin was emptied', emptied],
  ])('a photo %s comes back under the name and folder it had before it was deleted, with the time it was deleted', (_, item) => {
    const found = findings.filter((f) => f.sha256 === photos.get(item.recycledPath));
    expect(found).toHaveLength(1);
    const windowsPath = item.originalPath.replace(/^[A-Z]:/, '').replaceAll('\\', '/');
    expect(found[0]).toMatchObject({ name: item.originalName, originalPath: windowsPath, origin: 'deleted', times: { deletedAt: item.deletedAt } });
    expect(found[0]?.trash).toEqual({ by: 'recycle-bin', deletedAt: item.deletedAt });
  });
});
