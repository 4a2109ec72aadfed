import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { bufferSource } from '../../testing/buffer-source.js';
import { randomBytes } from '../../testing/random.js';
import { buildTiff, short, tiffPrefix } from '../../testing/tiff-builder.js';
import { renderTiff } from '../../testing/tiff-fixtures.js';
import { TIFF_RAW_BUILDERS, type RawSample } from '../../testing/tiff-raw-fixtures.js';
import type { FormatMatch } from '../types.js';
import { formatFor } from './index.js';
import { tiffFormat } from './tiff.js';

const tail = randomBytes(4000, 17);
const match = (data: Buffer, offset = 0): Promise<FormatMatch | null> => tiffFormat.match(bufferSource(data), offset, { maxSize: data.length - offset });
const preview = (data: Buffer): Promise<Buffer | undefined> =>
  tiffFormat.preview?.(bufferSource(data), { byteRuns: [{ offset: 0, length: data.length }], size: data.length }) ?? Promise.resolve(undefined);

describe('tiff format: TIFFs rendered by sharp', () => {
  const cases: [string, Parameters<typeof renderTiff>[0]][] = [
    ['LZW strips', { width: 120, height: 80 }],
    ['uncompressed strips', { width: 64, height: 300, compression: 'none' }],
    ['tiles', { width: 300, height: 200, tile: true, tileWidth: 64, tileHeight: 64 }],
    ['JPEG-compressed tiles', { width: 300, height: 200, tile: true, compression: 'jpeg' }],
    ['a pyramid (an IFD chain of smaller pages)', { width: 512, height: 384, tile: true, pyramid: true }],
    ['a multi-page file', { width: 80, height: 60, pages: 3 }],
    ['BigTIFF', { width: 100, height: 70, bigtiff: true }],
  ];
  for (const [name, options] of cases) {
    it(`ends ${name} at its last byte`, async () => {
      const tiff = await renderTiff(options);
      const m = await match(Buffer.concat([tiff, tail]));
      expect(m).toEqual({
        length: tiff.length,
        validation: { state: 'complete', reasons: [] },
        dimensions: { width: options?.width, height: options?.height },
        kind: { id: 'tiff', extension: 'tif', mimeType: 'image/tiff' },
        // Pixel strips and tiles are data the walk cannot verify; JPEG-compressed ones are JPEG streams.
        ...(options?.compression === 'jpeg' ? {} : { payload: expect.any(Array) }),
      });
      for (const run of m?.payload ?? []) expect(run.offset + run.length).toBeLessThanOrEqual(tiff.length);
    });
  }

  it('finds a TIFF at a non-zero offset', async () => {
    const tiff = await renderTiff();
    expect((await match(Buffer.concat([tail.subarray(0, 333), tiff, tail]), 333))?.length).toBe(tiff.length);
  });

  it('takes the pad byte after an odd-sized last part, and only a zero one', async () => {
    const { data } = buildTiff({
      littleEndian: true,
      prefix: tiffPrefix(true),
      firstIfdField: 4,
      ifds: [{ fields: { 0x100: short(11), 0x101: short(1), 0x102: short(8), 0x103: short(1), 0x106: short(1) }, data: [{ offsetTags: [0x111], lengthTag: 0x117, parts: [randomBytes(11, 3)] }] }],
    });
    expect(data.length % 2).toBe(1);
    expect((await match(Buffer.concat([data, Buffer.from([0, 1, 2])])))?.length).toBe(data.length + 1);
    expect((await match(Buffer.concat([data, Buffer.from([7, 1, 2])])))?.length).toBe(data.length);
  });

  it('has no preview for a plain TIFF (the engine renders one)', async () => {
    expect(await preview(await renderTiff())).toBeUndefined();
  });
});

describe('tiff format: camera RAWs built on TIFF', () => {
  const samples: RawSample[] = [];
  beforeAll(async () => {
    for (const build of TIFF_RAW_BUILDERS) samples.push(await build());
  });

  it('builds one sample per kind', () => {
    expect(samples.map((s) => s.kind)).toEqual(['cr2', 'nef', 'dng', 'orf', 'rw2', 'arw']);
  });

  for (const [i, kind] of ['cr2', 'nef', 'dng', 'orf', 'rw2', 'arw'].entries()) {
    it(`names a ${kind}, ends it at its furthest part and gives its size`, async () => {
      const sample = samples[i];
      const m = await match(Buffer.concat([sample.data, tail]));
      expect(m).toMatchObject({ length: sample.data.length, validation: { state: 'complete', reasons: [] }, dimensions: sample.dimensions, kind: { id: kind, extension: kind } });
      expect(tiffFormat.extensions).toContain(kind);
      expect(formatFor(kind)).toBe(tiffFormat);
    });

    it(`gives the ${kind}'s largest viewable JPEG as its preview`, async () => {
      const sample = samples[i];
      const jpeg = await preview(sample.data);
      expect(jpeg?.equals(sample.preview)).toBe(true);
      expect((await sharp(jpeg).metadata()).format).toBe('jpeg');
    });
  }

  it('never offers lossless raw data (SOF3) as a preview', async () => {
    const cr2 = samples[0];
    // With the JPEG strip of IFD0 and IFD1's thumbnail gone, only the bigger lossless raw strip is left.
    const data = Buffer.from(cr2.data);
    data.fill(0, data.indexOf(cr2.preview), data.indexOf(cr2.preview) + cr2.preview.length);
    const jpeg = await preview(data);
    expect(jpeg === undefined || jpeg.length < 20_000).toBe(true);
  });

  it('keeps a Canon VRD trailer (DPP recipe, XMP) that follows a CR2', async () => {
    const body = randomBytes(300, 5);
    const vrd = Buffer.concat([
      Buffer.from('CANON OPTIONAL DATA\0\0\x01\0\0', 'latin1'),
      Buffer.from([0, 0, 0x01, 0x2c]),
      body,
      Buffer.from('CANON OPTIONAL DATA\0', 'latin1'),
      Buffer.from([0, 0, 0x01, 0x2c]),
      Buffer.alloc(40),
    ]);
    const file = Buffer.concat([samples[0].data, vrd]);
    expect(await match(Buffer.concat([file, tail]))).toMatchObject({ length: file.length, validation: { state: 'complete' } });
  });

  it('calls a camera TIFF (RGB, a camera maker in Make) a TIFF', async () => {
    const tiff = await renderTiff();
    const m = await match(Buffer.concat([tiff, tail]));
    expect(m?.kind?.id).toBe('tiff');
  });
});
