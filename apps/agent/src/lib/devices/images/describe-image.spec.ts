import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeImage, openImage } from './describe-image.js';
import { parseSplitName } from './split-names.js';

const root = mkdtempSync(join(tmpdir(), 'afterimage-images-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let folders = 0;
/** A fresh folder holding the given files. */
function folder(files: Record<string, Buffer | string>): string {
  const dir = join(root, `case-${folders++}`);
  mkdirSync(dir);
  for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, name), bytes);
  return dir;
}
const disk = Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 13 + 5) & 0xff));

describe('describeImage', () => {
  it('a plain image: its size, name and format; it opens read-only as one source', async () => {
    const dir = folder({ 'card.img': disk, 'cd.iso': disk.subarray(0, 2048), 'stick.DD': disk.subarray(0, 512) });
    const image = await describeImage(join(dir, 'card.img'));
    expect(image).toEqual({ kind: 'image', path: join(dir, 'card.img'), label: 'card.img', format: 'raw', sizeBytes: 3000, pieces: [{ path: join(dir, 'card.img'), sizeBytes: 3000 }], notes: [] });
    expect((await describeImage(join(dir, 'cd.iso'))).format).toBe('iso');
    expect((await describeImage(join(dir, 'stick.DD'))).format).toBe('raw');
    const source = await openImage(image);
    expect(await source.read(0, 3000)).toEqual(disk);
    await source.close();
  });

  it('a numbered split set from any of its pieces, read as one disk across the pieces', async () => {
    const dir = folder({ 'card.img.001': disk.subarray(0, 1024), 'card.img.002': disk.subarray(1024, 2048), 'card.img.003': disk.subarray(2048), 'other.001': 'x' });
    const image = await describeImage(join(dir, 'card.img.002'));
    expect(image).toMatchObject({ format: 'split', path: join(dir, 'card.img.001'), label: 'card.img (3 pieces)', sizeBytes: 3000 });
    expect(image.pieces.map((p) => p.sizeBytes)).toEqual([1024, 1024, 952]);
    const source = await openImage(image);
    expect(await source.read(1000, 1100)).toEqual(disk.subarray(1000, 2100));
    await source.close();
  });

  it('GNU split names: .00/.01 and .aa/.ab; a lone card.dd stays a plain image', async () => {
    const dir = folder({ 'sd.img.00': disk.subarray(0, 2000), 'sd.img.01': disk.subarray(2000), 'cam.aa': disk.subarray(0, 100), 'cam.ab': disk.subarray(100), 'card.dd': disk });
    expect(await describeImage(join(dir, 'sd.img.01'))).toMatchObject({ format: 'split', pieces: [{ sizeBytes: 2000 }, { sizeBytes: 1000 }] });
    expect(await describeImage(join(dir, 'cam.ab'))).toMatchObject({ format: 'split', label: 'cam (2 pieces)', sizeBytes: 3000 });
    expect(await describeImage(join(dir, 'card.dd'))).toMatchObject({ format: 'raw', pieces: [{ sizeBytes: 3000 }] });
    expect(parseSplitName('x.zz')).toMatchObject({ style: 'lettered', index: 675 });
  });

  it('a set with a missing middle piece or no first piece is refused, naming what is missing', async () => {
    const gap = folder({ 'card.001': 'a', 'card.002': 'b', 'card.004': 'd', 'card.005': 'e' });
    await expect(describeImage(join(gap, 'card.001'))).rejects.toMatchObject({ code: 'MISSING_PIECE', message: expect.stringMatching(/missing card\.003.*card\.005/) });
    const headless = folder({ 'card.002': 'b', 'card.003': 'c' });
    await expect(describeImage(join(headless, 'card.003'))).rejects.toMatchObject({ code: 'MISSING_PIECE', message: expect.stringContaining('no first piece') });
  });

  it('refuses what is not an image, saying what to do instead', async () => {
    const dir = folder({ 'evidence.E01': 'EVF', 'empty.img': Buffer.alloc(0), 'card.img.gz': 'x' });
    await expect(describeImage(join(dir, 'missing.img'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(describeImage(dir)).rejects.toMatchObject({ code: 'NOT_A_SOURCE', message: expect.stringContaining('is a folder') });
    await expect(describeImage(join(dir, 'evidence.E01'))).rejects.toMatchObject({ code: 'NOT_A_SOURCE', message: expect.stringContaining('ewfexport') });
    await expect(describeImage(join(dir, 'card.img.gz'))).rejects.toMatchObject({ message: expect.stringContaining('unpack it first') });
    await expect(describeImage(join(dir, 'empty.img'))).rejects.toMatchObject({ message: expect.stringContaining('is empty') });
    await expect(describeImage('/dev/null')).rejects.toMatchObject({ code: 'NOT_A_SOURCE' });
  });

  it('notes that a UDIF .dmg is likely compressed', async () => {
    const udif = Buffer.concat([disk, Buffer.from('koly'), Buffer.alloc(508)]);
    const dir = folder({ 'photos.dmg': udif, 'plain.dmg': disk });
    expect((await describeImage(join(dir, 'photos.dmg'))).notes).toEqual([expect.stringContaining('hdiutil')]);
    expect(await describeImage(join(dir, 'plain.dmg'))).toMatchObject({ format: 'dmg', notes: [] });
  });
});
