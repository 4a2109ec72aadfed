import { readFile, stat } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bufferSource } from '@afterimage/fs-parsers';
import type { SectorRange } from '../../testing/faulty-source.js';
import { expectedBlocks, expectedImage, failingDevice, savedBlocks, scratchFolder, sha256 } from '../../testing/imaging-fixtures.js';
import { imageSource } from './imager.js';
import type { ImagingProgress } from './progress.js';

// 4 MiB and 300 bytes: the last sector is short, as on a device whose size is not whole sectors.
const SIZE = 4 * 1024 * 1024 + 300;
const BAD: SectorRange[] = [
  { first: 0, count: 1 },
  { first: 300, count: 40 },
  { first: 1020, count: 10 }, // across the 64 KiB chunk boundary at sector 1024
  { first: 2000, count: 1 },
  { first: 2003, count: 1 },
  { first: 4096, count: 1024 }, // a 512 KiB dead zone
  { first: 8192, count: 1 }, // the short last sector
];
const BAD_BYTES = BAD.reduce((sum, range) => sum + Math.min(range.count * 512, SIZE - range.first * 512), 0);

let folder: Awaited<ReturnType<typeof scratchFolder>>;
beforeAll(async () => {
  folder = await scratchFolder('imager');
});
afterAll(() => folder.cleanup());

describe('imageSource', () => {
  it('copies a healthy device bit for bit, reading each byte once, into a map of one finished block', async () => {
    const device = failingDevice(SIZE, {});
    const source = device.source();
    const paths = { imagePath: folder.file('healthy.img'), mapPath: folder.file('healthy.map') };
    const result = await imageSource(source, paths);
    expect(sha256(await readFile(paths.imagePath))).toBe(sha256(device.bytes));
    expect(await savedBlocks(paths.mapPath, SIZE)).toEqual([{ pos: 0, size: SIZE, status: '+' }]);
    expect(await readFile(paths.mapPath, 'utf8')).toMatch(/^0x00000000 {5}\+ {15}1$/m);
    expect(source.reads.reduce((sum, read) => sum + read.length, 0)).toBe(SIZE);
    expect(result).toMatchObject({ complete: true, progress: { phase: 'finished', bytesRescued: SIZE, bytesBad: 0, errors: 0, readErrors: 0 } });
  });

  it('rescues every good sector around bad zones and marks exactly the bad sectors', async () => {
    const device = failingDevice(SIZE, { bad: BAD });
    const source = device.source();
    const paths = { imagePath: folder.file('bad.img'), mapPath: folder.file('bad.map') };
    const reports: ImagingProgress[] = [];
    const result = await imageSource(source, { ...paths, progressIntervalMs: 0, onProgress: (p) => reports.push(p) });
    expect(await savedBlocks(paths.mapPath, SIZE)).toEqual(expectedBlocks(SIZE, BAD));
    expect(sha256(await readFile(paths.imagePath))).toBe(sha256(expectedImage(device.bytes, BAD)));
    expect(result.complete).toBe(true);
    expect(result.progress).toMatchObject({ bytesRescued: SIZE - BAD_BYTES, bytesBad: BAD_BYTES, errors: 7, bytesNonTried: 0, nonTrimmed: 0, nonScraped: 0 });
    // Good bytes were read once: successful reads add up to the good bytes exactly.
    expect(source.reads.filter((r) => r.ok).reduce((sum, r) => sum + r.length, 0)).toBe(SIZE - BAD_BYTES);
    // The phases came in ddrescue's order, and every report accounts for every byte.
    const phases = [...new Set(reports.map((p) => p.phase))];
    expect(phases).toEqual(['copying', 'trimming', 'scraping', 'retrying', 'finished']);
    for (const p of reports) expect(p.bytesRescued + p.bytesBad + p.bytesNonTried + p.nonTrimmed + p.nonScraped).toBe(SIZE);
  });

  it('rescues weak sectors in the retry pass, and leaves them bad without one', async () => {
    const weak = [
      { first: 100, count: 2, failures: 2 },
      { first: 5000, count: 1, failures: 2 },
    ];
    const device = failingDevice(SIZE, { weak });
    const retried = { imagePath: folder.file('weak.img'), mapPath: folder.file('weak.map') };
    await imageSource(device.source(), { ...retried, retries: 1 });
    expect(await savedBlocks(retried.mapPath, SIZE)).toEqual([{ pos: 0, size: SIZE, status: '+' }]);
    expect(sha256(await readFile(retried.imagePath))).toBe(sha256(device.bytes));

    const once = { imagePath: folder.file('weak0.img'), mapPath: folder.file('weak0.map') };
    await imageSource(device.source(), { ...once, retries: 0 });
    expect(await savedBlocks(once.mapPath, SIZE)).toEqual(expectedBlocks(SIZE, weak));
  });

  it('crosses a 16 MiB dead zone in a few reads and copies the good areas beyond it before trimming', async () => {
    const size = 64 * 1024 * 1024;
    const zone = { first: 8 * 2048, count: 16 * 2048 }; // 16 MiB from 8 MiB on
    const device = failingDevice(size, { bad: [zone] });
    const source = device.source();
    const paths = { imagePath: folder.file('dead.img'), mapPath: folder.file('dead.map') };
    let atTrimming: ImagingProgress | undefined;
    const onProgress = (p: ImagingProgress) => {
      if (p.phase === 'trimming') atTrimming ??= p;
    };
    await imageSource(source, { ...paths, progressIntervalMs: 0, onProgress });
    const zoneEnd = (zone.first + zone.count) * 512;
    const firstBeyond = source.reads.findIndex((r) => r.ok && r.offset >= zoneEnd);
    const failuresBefore = source.reads.slice(0, firstBeyond).filter((r) => !r.ok).length;
    expect(failuresBefore).toBeGreaterThan(0);
    expect(failuresBefore).toBeLessThanOrEqual(32); // 64 KiB, doubling to 1 % of the device
    // Before trimming, all but the edges of the failed chunks around the zone (one chunk at most) is rescued.
    expect(atTrimming?.bytesNonTried).toBe(0);
    expect(atTrimming?.bytesRescued).toBeGreaterThanOrEqual(size - zone.count * 512 - 64 * 1024);
    expect(await savedBlocks(paths.mapPath, size)).toEqual(expectedBlocks(size, [zone]));
  });

  it('images in 4096-byte sectors', async () => {
    const bad = [{ first: 3, count: 2 }, { first: 700, count: 1 }];
    const device = failingDevice(SIZE - 300, { sectorSize: 4096, bad });
    const paths = { imagePath: folder.file('4k.img'), mapPath: folder.file('4k.map') };
    await imageSource(device.source(), { ...paths, sectorSize: 4096, chunkSize: 256 * 1024 });
    expect(await savedBlocks(paths.mapPath, SIZE - 300)).toEqual(expectedBlocks(SIZE - 300, bad, 4096));
    expect(sha256(await readFile(paths.imagePath))).toBe(sha256(expectedImage(device.bytes, bad, 4096)));
  });

  it('leaves failed blocks untrimmed or unscraped when asked, and a later run finishes them', async () => {
    const device = failingDevice(SIZE, { bad: BAD });
    const paths = { imagePath: folder.file('partial.img'), mapPath: folder.file('partial.map') };
    const first = await imageSource(device.source(), { ...paths, trim: false, scrape: false });
    expect(first.complete).toBe(false);
    const statuses = new Set((await savedBlocks(paths.mapPath, SIZE)).map((b) => b.status));
    expect([...statuses].sort()).toEqual(['*', '+']);
    expect((await stat(paths.imagePath)).size).toBe(SIZE);
    const second = await imageSource(device.source(), paths);
    expect(second.complete).toBe(true);
    expect(await savedBlocks(paths.mapPath, SIZE)).toEqual(expectedBlocks(SIZE, BAD));
  });

  it('refuses options out of range with a message naming them', async () => {
    const source = bufferSource(Buffer.alloc(4096));
    const paths = { imagePath: folder.file('opt.img'), mapPath: folder.file('opt.map') };
    await expect(imageSource(source, { ...paths, sectorSize: 1000 })).rejects.toThrow(/sector size must be a power of two/);
    await expect(imageSource(source, { ...paths, chunkSize: 1000 })).rejects.toThrow(/chunk size must be a multiple/);
    await expect(imageSource(source, { ...paths, retries: -1 })).rejects.toThrow(/retries must be/);
    await expect(imageSource(source, { imagePath: paths.imagePath, mapPath: paths.imagePath })).rejects.toMatchObject({ code: 'BAD_OPTIONS' });
  });
});
