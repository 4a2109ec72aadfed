import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { bufferSource } from '../../testing/buffer-source.js';
import { buildDisk, layOut } from '../../testing/disk.js';
import { CONTAINER_RAW_BUILDERS } from '../../testing/raw-container-fixtures.js';
import { renderTiff } from '../../testing/tiff-fixtures.js';
import { TIFF_RAW_BUILDERS, type RawSample } from '../../testing/tiff-raw-fixtures.js';
import { carve } from '../carve.js';
import { thumbnailOf } from '../thumbnail.js';
import type { CarvedFile } from '../types.js';

const sha = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

let samples: RawSample[];
let tiff: Buffer;
beforeAll(async () => {
  samples = [];
  for (const build of [...TIFF_RAW_BUILDERS, ...CONTAINER_RAW_BUILDERS]) samples.push(await build());
  tiff = await renderTiff({ width: 150, height: 100 });
});

async function carveAll(disk: Buffer, blockSize: number): Promise<CarvedFile[]> {
  const found: CarvedFile[] = [];
  for await (const file of carve(bufferSource(disk), { blockSize })) found.push(file);
  return found;
}

describe('RAW files carved out of a disk', () => {
  for (const [mode, align, skew, blockSize] of [
    ['at 512-byte boundaries', 512, 0, 512],
    ['at odd offsets, scanning every byte', 512, 77, 1],
  ] as const) {
    it(`finds every RAW and TIFF whole, by kind, ${mode}`, async () => {
      const files = [...samples.map((s) => s.data), tiff];
      const placements = layOut(files, 4096, align, 3000, skew);
      const disk = buildDisk(placements[placements.length - 1].offset + tiff.length + 8192, placements, 77);
      const found = await carveAll(disk, blockSize);
      const expected = [...samples.map((s) => ({ kind: s.kind, data: s.data })), { kind: 'tiff', data: tiff }];
      expect(found.map((f) => f.format)).toEqual(expected.map((e) => e.kind));
      found.forEach((file, i) => {
        expect(file).toMatchObject({ size: expected[i].data.length, sha256: sha(expected[i].data), byteRuns: [{ offset: placements[i].offset }] });
        expect(file.validation).toEqual({ state: 'complete', reasons: [] });
        expect(file.extension).toBe(expected[i].kind === 'tiff' ? 'tif' : expected[i].kind);
      });
      const withSize = found.filter((f) => f.format !== 'tiff');
      withSize.forEach((file, i) => expect({ width: file.metadata.width, height: file.metadata.height }).toEqual(samples[i].dimensions));
    });
  }

  it("shows each RAW's embedded preview as its thumbnail", async () => {
    const placements = layOut(samples.map((s) => s.data), 1024, 512, 1000);
    const disk = buildDisk(placements[placements.length - 1].offset + samples[samples.length - 1].data.length + 4096, placements, 5);
    const found = await carveAll(disk, 512);
    for (const [i, file] of found.entries()) {
      const thumb = await thumbnailOf(bufferSource(disk), file, { maxEdge: 1000 });
      const meta = await sharp(thumb.data).metadata();
      const want = await sharp(samples[i].preview).metadata();
      expect({ kind: file.format, width: meta.width, height: meta.height }).toEqual({ kind: samples[i].kind, width: want.width, height: want.height });
    }
  });

  it('reports a RAW cut by the end of the disk as truncated, keeping what is there', async () => {
    const nef = samples.find((s) => s.kind === 'nef') as RawSample;
    const disk = buildDisk(8192 + 60_000, [{ offset: 8192, data: nef.data.subarray(0, 60_000) }], 3);
    const [file] = await carveAll(disk, 512);
    expect(file).toMatchObject({ format: 'nef', size: 60_000, validation: { state: 'truncated' } });
  });
});
