import { chmod, readFile, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failingDevice, readsOfFinished, savedBlocks, scratchFolder, sha256 } from '../../testing/imaging-fixtures.js';
import { ImagingError, MapFileError } from './errors.js';
import { imageDevice, imageSource } from './imager.js';
import { readMapfile } from './mapfile-store.js';

const SIZE = 1024 * 1024;
const device = failingDevice(SIZE, { bad: [{ first: 50, count: 4 }] });

let folder: Awaited<ReturnType<typeof scratchFolder>>;
beforeAll(async () => {
  folder = await scratchFolder('imager-safety');
});
afterAll(() => folder.cleanup());

const pathsFor = (name: string) => ({ imagePath: folder.file(`${name}.img`), mapPath: folder.file(`${name}.map`) });
const exists = (path: string) => stat(path).then(() => true, () => false);

describe('imaging refuses what would lose data', () => {
  it('refuses a damaged map with a clear error, before creating or touching the image', async () => {
    const paths = pathsFor('damaged');
    await writeFile(paths.mapPath, '0 ? 1\n0 0x1000 +\n0x2000 0x1000 -\n');
    const run = imageSource(device.source(), paths);
    await expect(run).rejects.toBeInstanceOf(MapFileError);
    await expect(imageSource(device.source(), paths)).rejects.toThrow(/damaged\.map is damaged: line 3: there is a gap between 0x00001000 and 0x00002000/);
    expect(await exists(paths.imagePath)).toBe(false);
  });

  it('refuses a map of a larger device', async () => {
    const paths = pathsFor('larger');
    await writeFile(paths.mapPath, `0 ? 1\n0 ${SIZE * 2} ?\n`);
    await expect(imageSource(device.source(), paths)).rejects.toThrow(/past the end of the device/);
  });

  it('never overwrites an existing file that has no map', async () => {
    const paths = pathsFor('existing');
    await writeFile(paths.imagePath, 'holiday photos');
    await expect(imageSource(device.source(), paths)).rejects.toMatchObject({ code: 'MAP_MISMATCH', message: expect.stringMatching(/already exists but there is no map/) });
    expect(await readFile(paths.imagePath, 'utf8')).toBe('holiday photos');
    expect(await exists(paths.mapPath)).toBe(false);
  });

  it('refuses an image larger than the device, and a map that has progress but no image', async () => {
    const larger = pathsFor('big-image');
    await imageSource(device.source(), larger);
    await truncate(larger.imagePath, SIZE + 512);
    await expect(imageSource(device.source(), larger)).rejects.toMatchObject({ code: 'MAP_MISMATCH' });
    const lost = pathsFor('lost-image');
    await imageSource(device.source(), lost);
    await writeFile(lost.imagePath, '');
    await imageSource(device.source(), lost); // an empty image is grown back; a missing one is refused:
    await rm(lost.imagePath);
    await expect(imageSource(device.source(), lost)).rejects.toThrow(/image .* is missing/);
  });

  it('leaves no image behind when its first map cannot be saved', async () => {
    const paths = { imagePath: folder.file('orphan.img'), mapPath: folder.file('no-such-folder/orphan.map') };
    await expect(imageSource(device.source(), paths)).rejects.toMatchObject({ code: 'IO', message: expect.stringMatching(/cannot save the map file/) });
    expect(await exists(paths.imagePath)).toBe(false);
  });

  it('stops without marking anything bad when the device disappears, keeping what it rescued', async () => {
    const paths = pathsFor('gone');
    const unplugged = failingDevice(SIZE, { goneAfterReads: 6 }, 7);
    const run = imageSource(unplugged.source(), { ...paths, chunkSize: 64 * 1024 });
    await expect(run).rejects.toMatchObject({ code: 'SOURCE_GONE', message: expect.stringMatching(/ENODEV/) });
    await expect(run).rejects.toBeInstanceOf(ImagingError);
    const saved = await readMapfile(paths.mapPath, SIZE);
    expect(saved?.map.totals()).toMatchObject({ finished: 6 * 64 * 1024, badSector: 0, nonTrimmed: 0 });
    const replugged = failingDevice(SIZE, {}, 7).source();
    await expect(imageSource(replugged, paths)).resolves.toMatchObject({ complete: true });
    expect(replugged.reads.length).toBe(SIZE / (64 * 1024) - 6);
    expect(readsOfFinished(replugged.reads, saved?.map.blocks ?? [])).toEqual([]);
    expect(sha256(await readFile(paths.imagePath))).toBe(sha256(unplugged.bytes));
  });

  it('opens the source read-only: a file the process may only read is imaged and left unchanged', async () => {
    const sourcePath = folder.file('card.bin');
    await writeFile(sourcePath, device.bytes);
    await chmod(sourcePath, 0o444);
    const paths = pathsFor('readonly');
    const result = await imageDevice(sourcePath, paths);
    expect(result.complete).toBe(true);
    expect(sha256(await readFile(paths.imagePath))).toBe(sha256(device.bytes));
    expect(sha256(await readFile(sourcePath))).toBe(sha256(device.bytes));
    expect(await savedBlocks(paths.mapPath, SIZE)).toEqual([{ pos: 0, size: SIZE, status: '+' }]);
    await expect(imageDevice(sourcePath, { imagePath: sourcePath, mapPath: folder.file('x.map') })).rejects.toThrow(/refusing to write over the source/);
  });
});
