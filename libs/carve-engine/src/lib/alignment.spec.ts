import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { bufferSource } from '../testing/buffer-source.js';
import { buildDisk, type Placement } from '../testing/disk.js';
import { renderJpeg, withExifThumbnail } from '../testing/jpeg-fixtures.js';
import { runCarve, startsAndHashes } from '../testing/scan-run.js';
import { alignmentOf } from './alignment.js';
import type { CarveProgress } from './carve.js';
import { detectAlignment, sampleHeaderStarts } from './detect-alignment.js';
import { carveFormats } from './formats/index.js';
import { buildSignatureIndex } from './signature-index.js';

const cluster = (first: number, size: number, indices: number[]): number[] => indices.map((i) => first + i * size);
/** n cluster indices, spread, in order. */
const spread = (n: number) => Array.from({ length: n }, (_, i) => 2 * i + (i % 2));

describe('alignmentOf (block size and offset from validated header starts)', () => {
  it('finds the cluster size and the data area’s offset of a filesystem', () => {
    expect(alignmentOf(cluster(3584, 8192, spread(24)))).toEqual({ blockSize: 8192, offset: 3584 });
    expect(alignmentOf(cluster(1_048_576, 32_768, spread(21)))).toEqual({ blockSize: 32_768, offset: 0 });
  });

  it('never goes above 64 KiB', () => {
    expect(alignmentOf(cluster(0, 131_072, spread(22)))).toEqual({ blockSize: 65_536, offset: 0 });
  });

  it('keeps 512 when too few headers make a larger block size likely by chance', () => {
    expect(alignmentOf([65_536, 196_608])).toEqual({ blockSize: 512, offset: 0 });
    expect(alignmentOf(cluster(512, 1024, [0, 2, 5, 7]))).toEqual({ blockSize: 512, offset: 0 });
    expect(alignmentOf(cluster(0, 65_536, [1, 3, 4, 9]))).toEqual({ blockSize: 512, offset: 0 });
    // 20 photos on a card of 32 KiB clusters that all happen to sit at even clusters (one chance in
    // 2^19): taking 64 KiB would skip every photo at an odd cluster, so it takes 21 to believe it.
    expect(alignmentOf(cluster(0, 65_536, spread(20)))).toEqual({ blockSize: 512, offset: 0 });
    expect(alignmentOf(cluster(0, 65_536, spread(21)))).toEqual({ blockSize: 65_536, offset: 0 });
  });

  it('takes the largest block size every header on the main sector grid shares', () => {
    const starts = cluster(0, 16_384, spread(21));
    expect(alignmentOf(starts)).toEqual({ blockSize: 16_384, offset: 0 });
    // One header on the grid at a 4 KiB (not 16 KiB) boundary: 4 KiB it is.
    expect(alignmentOf([...starts, 16_384 * 200 + 4096])).toEqual({ blockSize: 4096, offset: 0 });
  });

  it('ignores a few headers off the sector grid, and chooses byte level when most are', () => {
    const starts = cluster(0, 4096, spread(21));
    expect(alignmentOf([...starts, 600_101])).toEqual({ blockSize: 4096, offset: 0 });
    expect(alignmentOf([100, 5_003, 70_001, 90_222, 123_456])).toEqual({ blockSize: 1, offset: 0 });
  });

  it('assumes sectors when it has nothing to go on', () => {
    expect(alignmentOf([])).toEqual({ blockSize: 512, offset: 0 });
  });
});

async function card(): Promise<{ disk: Buffer; placements: Placement[] }> {
  // A card whose 8 KiB clusters start 3584 bytes into the image, with 22 photos (it takes 21 sharing a
  // grid to believe it); every other photo has an EXIF thumbnail (at an unaligned offset inside it,
  // which must not count as a header of its own).
  const placements: Placement[] = [];
  for (let i = 0; i < 22; i++) {
    const photo = await renderJpeg({ width: 96 + 8 * (i % 8), height: 64, seed: 40 + i });
    const data = i % 2 ? withExifThumbnail(photo, await renderJpeg({ width: 32, height: 24, seed: 90 + i })) : photo;
    placements.push({ offset: 3584 + 8192 * (1 + 4 * i + (i % 3)), data });
  }
  return { disk: buildDisk(3584 + 8192 * 92, placements, 9), placements };
}

describe("carve with blockSize 'auto'", () => {
  it('detects a card’s cluster grid, reports it, and finds every photo on it', async () => {
    const { disk, placements } = await card();
    let progress: CarveProgress | undefined;
    const { files, summary } = await runCarve(bufferSource(disk), { blockSize: 'auto', onProgress: (p) => (progress = p) });
    expect(summary.alignment).toEqual({ blockSize: 8192, offset: 3584 });
    expect(progress?.alignment).toEqual({ blockSize: 8192, offset: 3584 });
    expect(files.map((f) => f.byteRuns[0].offset)).toEqual(placements.map((p) => p.offset));
    expect(files.map((f) => f.size)).toEqual(placements.map((p) => p.data.length));
  });

  it('falls back to byte level for a dump of files at arbitrary offsets', async () => {
    const placements: Placement[] = [];
    for (let i = 0; i < 5; i++) placements.push({ offset: 1000 + 40_000 * i + 13 * i * i, data: await renderJpeg({ width: 96, height: 64, seed: 60 + i }) });
    const disk = buildDisk(220_000, placements, 3);
    const { files, summary } = await runCarve(bufferSource(disk), { blockSize: 'auto' });
    expect(summary.alignment).toEqual({ blockSize: 1, offset: 0 });
    expect(files.map((f) => f.byteRuns[0].offset)).toEqual(placements.map((p) => p.offset));
  });

  it('samples a bounded number of headers', async () => {
    const { disk, placements } = await card();
    const settings = { source: bufferSource(disk), index: buildSignatureIndex(carveFormats), chunkSize: 65_536 };
    const ranges = [{ offset: 0, length: disk.length }];
    expect(await sampleHeaderStarts(settings, ranges, { headers: 3, bytes: disk.length })).toEqual(placements.slice(0, 3).map((p) => p.offset));
    expect(await sampleHeaderStarts(settings, ranges, { headers: 100, bytes: placements[2].offset })).toEqual(placements.slice(0, 2).map((p) => p.offset));
  });
});

/** A card of 8 KiB clusters (data area at 3584) with `count` photos at spread clusters, sha256 of each. */
async function biggerCard(count: number, extra: Placement[] = []): Promise<{ disk: Buffer; placements: Placement[] }> {
  const placements: Placement[] = [];
  for (let i = 0; i < count; i++) placements.push({ offset: 3584 + 8192 * (2 + 3 * i), data: await renderJpeg({ width: 64 + 8 * (i % 5), height: 48, seed: 200 + i }) });
  return { disk: buildDisk(3584 + 8192 * (3 * count + 8), [...placements, ...extra], 21), placements };
}
const sha = (data: Buffer) => createHash('sha256').update(data).digest('hex');
const expected = (placements: readonly Placement[]) => placements.map((p) => `${p.offset}:${p.data.length}:${sha(p.data)}`);

describe('the scan after the block size detection', () => {
  it('takes the files the detection found as its own and goes on after them: each file once, in order, hashed', async () => {
    // 40 photos: the detection stops after 32 headers, in the middle of the card.
    const { disk, placements } = await biggerCard(40);
    const settings = { source: bufferSource(disk), index: buildSignatureIndex(carveFormats), chunkSize: 65_536 };
    const detected = await detectAlignment(settings, [{ offset: 0, length: disk.length }]);
    expect(detected.alignment).toEqual({ blockSize: 8192, offset: 3584 });
    expect(detected.sampled?.found.map((f) => f.start)).toEqual(placements.slice(0, 32).map((p) => p.offset));
    expect(detected.sampled?.settledAt).toBe(placements[31].offset + placements[31].data.length);
    for (const chunkSize of [65_536, 2 * 1024 * 1024]) {
      const progress: CarveProgress[] = [];
      const { files, summary } = await runCarve(bufferSource(disk), { blockSize: 'auto', chunkSize, onProgress: (p) => progress.push(p) });
      expect(startsAndHashes(files)).toEqual(expected(placements));
      expect(summary.findings).toBe(40);
      expect(progress.at(-1)?.findingsByFormat).toEqual({ jpeg: 40 });
      expect(progress.at(-1)?.bytesDone).toBe(disk.length);
    }
  });

  it('scans everything again on the grid when the detection found a file off it', async () => {
    // A photo at an odd offset among the first: the grid leaves it out, so the detection's files are
    // not the scan's (it may have swallowed grid candidates), and the scan starts over.
    const stray = { offset: 3584 + 8192 + 1001, data: await renderJpeg({ width: 40, height: 40, seed: 300 }) };
    const { disk, placements } = await biggerCard(34, [stray]);
    const settings = { source: bufferSource(disk), index: buildSignatureIndex(carveFormats), chunkSize: 65_536 };
    const detected = await detectAlignment(settings, [{ offset: 0, length: disk.length }]);
    expect(detected).toEqual({ alignment: { blockSize: 8192, offset: 3584 } });
    const { files } = await runCarve(bufferSource(disk), { blockSize: 'auto' });
    expect(startsAndHashes(files)).toEqual(expected(placements));
  });
});

