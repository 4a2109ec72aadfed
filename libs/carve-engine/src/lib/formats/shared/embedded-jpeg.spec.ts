import { describe, expect, it } from 'vitest';
import { bufferSource } from '../../../testing/buffer-source.js';
import { renderJpeg } from '../../../testing/jpeg-fixtures.js';
import { randomBytes } from '../../../testing/random.js';
import { BoundedReader } from '../../bounded-reader.js';
import { jpegFrameMarker, largestViewableJpeg } from './embedded-jpeg.js';

const lossless = Buffer.concat([Buffer.from('ffd8ffc3000e0e0b40078002011100021100', 'hex'), randomBytes(50_000, 1)]);

describe('embedded JPEG previews', () => {
  it('tells baseline and progressive JPEGs from lossless raw data', async () => {
    expect(jpegFrameMarker(await renderJpeg())).toBe(0xc0);
    expect(jpegFrameMarker(await renderJpeg({ progressive: true }))).toBe(0xc2);
    expect(jpegFrameMarker(lossless)).toBe(0xc3);
    expect(jpegFrameMarker(randomBytes(100, 2))).toBeUndefined();
  });

  it('picks the largest viewable one, skipping bigger raw data and places out of reach', async () => {
    const small = await renderJpeg({ width: 64, height: 48 });
    const big = await renderJpeg({ width: 320, height: 240 });
    const data = Buffer.concat([lossless, small, big]);
    const reader = new BoundedReader(bufferSource(data), 0, data.length);
    const candidates = [
      { pos: 0, length: lossless.length },
      { pos: lossless.length, length: small.length },
      { pos: lossless.length + small.length, length: big.length },
      { pos: data.length - 10, length: 1_000_000 },
    ];
    expect((await largestViewableJpeg(reader, candidates))?.equals(big)).toBe(true);
    expect(await largestViewableJpeg(reader, candidates.slice(0, 1))).toBeUndefined();
  });
});
