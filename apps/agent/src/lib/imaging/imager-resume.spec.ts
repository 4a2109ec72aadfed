import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SectorRange } from '../../testing/faulty-source.js';
import { expectedBlocks, expectedImage, failingDevice, imageHash, readsOfFinished, savedBlocks, scratchFolder, sha256 } from '../../testing/imaging-fixtures.js';
import { ImagingAbortedError } from './errors.js';
import { imageSource } from './imager.js';
import { readMapfile } from './mapfile-store.js';
import type { ImagingPhase, ImagingProgress } from './progress.js';

const SIZE = 2 * 1024 * 1024 + 1000;
const BAD: SectorRange[] = [
  { first: 10, count: 3 },
  { first: 400, count: 300 }, // pass 1 jumps into it and out of it; pass 2 comes back
  { first: 1500, count: 1 },
  { first: 1530, count: 2 },
  { first: 3000, count: 200 },
  { first: 4096, count: 1 }, // the short last sector
];
const device = failingDevice(SIZE, { bad: BAD });
// Jumps of 16 KiB doubling to 64 KiB, so a 2 MiB device has passes 1, 2 and 3 all at work.
const settings = { chunkSize: 16 * 1024, skipSize: { initial: 16 * 1024, max: 64 * 1024 }, retries: 2, progressIntervalMs: 0 };

let folder: Awaited<ReturnType<typeof scratchFolder>>;
beforeAll(async () => {
  folder = await scratchFolder('resume');
});
afterAll(() => folder.cleanup());

/** Runs until the `nth` progress report of `phase` (and `pass`), then aborts; returns the map saved. */
async function stopAt(paths: { imagePath: string; mapPath: string }, phase: ImagingPhase, pass: number, nth: number) {
  const controller = new AbortController();
  let seen = 0;
  const onProgress = (p: ImagingProgress) => {
    if (p.phase === phase && p.pass === pass && ++seen === nth) controller.abort();
  };
  const run = imageSource(device.source(), { ...paths, ...settings, onProgress, signal: controller.signal });
  await expect(run).rejects.toBeInstanceOf(ImagingAbortedError);
  return readMapfile(paths.mapPath, SIZE);
}

describe('stopping and resuming', () => {
  it.each([
    ['copying', 1, 3, '?'],
    ['copying', 2, 2, '?'],
    ['copying', 3, 2, '?'],
    ['trimming', 1, 3, '*'],
    ['scraping', 1, 40, '/'],
    ['retrying', 1, 100, '-'],
    ['retrying', 2, 50, '-'],
  ] as const)('stopped while %s (pass %i, report %i), resumes to the same image and map, reading no finished area again', async (phase, pass, nth, status) => {
    const name = `${phase}-${pass}`;
    const paths = { imagePath: folder.file(`${name}.img`), mapPath: folder.file(`${name}.map`) };
    const stopped = await stopAt(paths, phase, pass, nth);
    expect(stopped).toMatchObject({ currentStatus: status, currentPass: pass });
    const resumedSource = device.source();
    const result = await imageSource(resumedSource, { ...paths, ...settings });
    expect(result.complete).toBe(true);
    expect(await savedBlocks(paths.mapPath, SIZE)).toEqual(expectedBlocks(SIZE, BAD));
    expect(await imageHash(paths.imagePath)).toBe(sha256(expectedImage(device.bytes, BAD)));
    expect(readsOfFinished(resumedSource.reads, stopped?.map.blocks ?? [])).toEqual([]);
    expect(resumedSource.reads.length).toBeGreaterThan(0);
  });

  it('goes through several stops in a row, each resuming where the last one saved', async () => {
    const paths = { imagePath: folder.file('chain.img'), mapPath: folder.file('chain.map') };
    const maps = [
      await stopAt(paths, 'copying', 1, 5),
      await stopAt(paths, 'copying', 3, 1),
      await stopAt(paths, 'trimming', 1, 2),
      await stopAt(paths, 'scraping', 1, 10),
      await stopAt(paths, 'retrying', 2, 10),
    ];
    const finished = maps.map((state) => state?.map.totals().finished ?? 0);
    expect(finished).toEqual([...finished].sort((a, b) => a - b));
    const last = device.source();
    await imageSource(last, { ...paths, ...settings });
    expect(await savedBlocks(paths.mapPath, SIZE)).toEqual(expectedBlocks(SIZE, BAD));
    expect(await imageHash(paths.imagePath)).toBe(sha256(expectedImage(device.bytes, BAD)));
    expect(readsOfFinished(last.reads, maps[4]?.map.blocks ?? [])).toEqual([]);
  });

  it('does nothing more for a finished map', async () => {
    const paths = { imagePath: folder.file('done.img'), mapPath: folder.file('done.map') };
    await imageSource(device.source(), { ...paths, ...settings });
    const again = device.source();
    const result = await imageSource(again, { ...paths, ...settings });
    expect(again.reads).toEqual([]);
    expect(result.progress).toMatchObject({ phase: 'finished', bytesBad: BAD.reduce((s, r) => s + Math.min(r.count * 512, SIZE - r.first * 512), 0) });
  });
});
