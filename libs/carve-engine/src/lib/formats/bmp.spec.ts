import { describe, expect, it } from 'vitest';
import { buildBmp } from '../../testing/bmp-fixtures.js';
import { carveWith, diskOf, elapsed, matchAt, sha256 } from '../../testing/format-harness.js';
import { randomBytes } from '../../testing/random.js';
import sharp from 'sharp';
import { bufferSource } from '../../testing/buffer-source.js';
import { thumbnailOf } from '../thumbnail.js';
import { bmpFormat } from './bmp.js';
import { readBmpHeader } from './bmp-header.js';

const tail = randomBytes(4000, 23);
const rgb24 = buildBmp({ width: 50, height: 30, bpp: 24 });
const argb32 = buildBmp({ width: 37, height: 21, bpp: 32, seed: 3 });
const rle8 = buildBmp({ width: 64, height: 40, bpp: 8, rle: true, seed: 5 });

describe('bmp format: whole files', () => {
  it('carves 24-bit, 32-bit BITMAPV5HEADER and RLE8 bitmaps out of random filler, aligned and not', async () => {
    for (const [skew, blockSize] of [[0, 512], [3, 1]]) {
      const { disk } = diskOf([rgb24, argb32, rle8], skew);
      const found = await carveWith(bmpFormat, disk, blockSize);
      expect(found.map((f) => f.sha256)).toEqual([rgb24, argb32, rle8].map(sha256));
      expect(found.map((f) => [f.format, f.extension, f.mimeType, f.metadata.width, f.metadata.height])).toEqual([
        ['bmp', 'bmp', 'image/bmp', 50, 30],
        ['bmp', 'bmp', 'image/bmp', 37, 21],
        ['bmp', 'bmp', 'image/bmp', 64, 40],
      ]);
      expect(found.every((f) => f.validation.state === 'complete')).toBe(true);
    }
  });

  it('ends a bitmap at its declared size: pixels, and an embedded V5 profile stored after them', async () => {
    const profile = randomBytes(300, 4);
    const withProfile = buildBmp({ width: 20, height: 10, bpp: 24, profile });
    expect(withProfile.length).toBe(14 + 124 + 60 * 10 + 300);
    expect(await matchAt(bmpFormat, Buffer.concat([withProfile, tail]))).toEqual({
      length: withProfile.length,
      validation: { state: 'complete', reasons: [] },
      dimensions: { width: 20, height: 10 },
    });
    const topDown = buildBmp({ width: 9, height: 7, topDown: true });
    expect((await matchAt(bmpFormat, Buffer.concat([topDown, tail])))?.dimensions).toEqual({ width: 9, height: 7 });
  });

  it('accepts the few bytes of padding some writers count in the file size', async () => {
    const padded = Buffer.concat([rgb24, Buffer.alloc(2)]);
    padded.writeUInt32LE(padded.length, 2);
    expect((await matchAt(bmpFormat, Buffer.concat([padded, tail])))?.length).toBe(padded.length);
  });
});

describe('bmp format: preview (sharp cannot read BMP)', () => {
  const fileOf = (bmp: Buffer) => ({ byteRuns: [{ offset: 0, length: bmp.length }], size: bmp.length, format: 'bmp' });
  it('renders 24-bit, 32-bit bit-field and 8-bit palette bitmaps, bottom-up and top-down, with the right colours', async () => {
    const red = buildBmp({ width: 8, height: 4, bpp: 24 });
    for (let i = red.readUInt32LE(10); i < red.length; i += 3) red.set([0, 0, 255], i); // BGR
    const { data, info } = await sharp(await bmpFormat.preview?.(bufferSource(red), fileOf(red))).raw().toBuffer({ resolveWithObject: true });
    expect(info).toMatchObject({ width: 8, height: 4 });
    expect(data[0]).toBeGreaterThan(200);
    expect(data[1]).toBeLessThan(60);
    for (const bmp of [argb32, buildBmp({ width: 30, height: 20, bpp: 8, seed: 2 }), buildBmp({ width: 9, height: 7, topDown: true })]) {
      const thumb = await thumbnailOf(bufferSource(bmp), fileOf(bmp));
      expect(await sharp(thumb.data).metadata()).toMatchObject({ format: 'jpeg', width: bmp.readInt32LE(18) });
    }
  });

  it('samples big bitmaps down to 512 pixels, and gives no preview for RLE', async () => {
    const big = buildBmp({ width: 3000, height: 1000, bpp: 24, seed: 4 });
    expect(await sharp(await bmpFormat.preview?.(bufferSource(big), fileOf(big))).metadata()).toMatchObject({ width: 500, height: 167 });
    expect(await bmpFormat.preview?.(bufferSource(rle8), fileOf(rle8))).toBeUndefined();
  });
});

describe('bmp format: a strict header (the signature is two bytes)', () => {
  const mutate = (file: Buffer, change: (b: Buffer) => void): Buffer => {
    const copy = Buffer.from(file);
    change(copy);
    return copy;
  };
  it.each([
    ['a file size the pixels do not fill', (b: Buffer) => b.writeUInt32LE(b.length + 100, 2)],
    ['a file size smaller than the pixels', (b: Buffer) => b.writeUInt32LE(b.length - 1, 2)],
    ['non-zero reserved fields', (b: Buffer) => b.writeUInt16LE(1, 6)],
    ['an unknown DIB header size', (b: Buffer) => b.writeUInt32LE(64, 14)],
    ['two planes', (b: Buffer) => b.writeUInt16LE(2, 26)],
    ['an impossible bit depth', (b: Buffer) => b.writeUInt16LE(7, 28)],
    ['RLE8 on a 24-bit bitmap', (b: Buffer) => b.writeUInt32LE(1, 30)],
    ['a pixel offset inside the headers', (b: Buffer) => b.writeUInt32LE(20, 10)],
    ['zero width', (b: Buffer) => b.writeInt32LE(0, 18)],
    ['an image size that disagrees', (b: Buffer) => b.writeUInt32LE(77, 34)],
  ])('rejects %s', async (_name, change) => {
    const bad = mutate(rgb24, change);
    expect(bmpFormat.checkHeader(bad.subarray(0, bmpFormat.headerBytes))).toBe(false);
    expect(await matchAt(bmpFormat, bad)).toBeNull();
  });

  it('finds nothing in megabytes of random data salted with "BM"', async () => {
    const noise = randomBytes(2_000_000, 31);
    for (let i = 0; i < noise.length; i += 997) noise.write('BM', i, 'latin1');
    expect(await carveWith(bmpFormat, noise, 1)).toEqual([]);
  });

  it('reads a BITMAPCOREHEADER (OS/2) bitmap', () => {
    const core = Buffer.alloc(26 + 3 * 2 + 4 * 2);
    core.write('BM', 0, 'latin1');
    core.writeUInt32LE(core.length, 2);
    core.writeUInt32LE(26 + 6, 10);
    core.writeUInt32LE(12, 14);
    core.writeUInt16LE(3, 18);
    core.writeUInt16LE(2, 20);
    core.writeUInt16LE(1, 22);
    core.writeUInt16LE(8, 24);
    expect(readBmpHeader(core)).toBeUndefined(); // an 8-bit core bitmap needs a 256-entry palette
    core.writeUInt16LE(24, 24);
    core.writeUInt32LE(26, 10);
    core.writeUInt32LE(26 + 12 * 2, 2);
    expect(readBmpHeader(core.subarray(0, 26 + 24))).toMatchObject({ width: 3, height: 2, fileSize: 50 });
  });
});

describe('bmp format: damage', () => {
  it('calls a bitmap the source cuts short truncated', async () => {
    const cut = argb32.subarray(0, argb32.length - 500);
    const m = await matchAt(bmpFormat, cut);
    expect(m).toMatchObject({ length: cut.length, validation: { state: 'truncated' }, dimensions: { width: 37, height: 21 } });
    expect(m?.validation.reasons[0]).toMatch(/source ends .* before its declared \d+-byte end/);
    expect((await matchAt(bmpFormat, rle8.subarray(0, rle8.length - 10)))?.validation.state).toBe('truncated');
  });

  it('follows a long valid RLE stream fast (a window at a time, not a read per command)', async () => {
    const tall = buildBmp({ width: 2000, height: 1500, bpp: 8, rle: true, seed: 8 });
    let state: string | undefined;
    expect(await elapsed(async () => (state = (await matchAt(bmpFormat, tall))?.validation.state))).toBeLessThan(1500);
    expect(state).toBe('complete');
  });

  it('cuts RLE8 pixels where a run passes the row (corrupt), and where the end-of-bitmap is missing', async () => {
    const pixels = rle8.readUInt32LE(10);
    const bad = Buffer.from(rle8);
    bad[pixels + 40] = 200; // a run of 200 pixels in a 64-pixel row
    bad[pixels + 40 + (40 % 2)] = 200;
    const m = await matchAt(bmpFormat, Buffer.concat([bad, tail]));
    expect(m?.validation.state).toBe('corrupt');
    expect(m?.validation.reasons[0]).toMatch(/RLE pixel data at offset \d+: .* passes the bitmap's edge/);
    expect(m?.length).toBeGreaterThanOrEqual(pixels);
    expect(m?.length).toBeLessThanOrEqual(pixels + 42);
    const noEnd = Buffer.from(rle8);
    noEnd[noEnd.length - 1] = 0; // end-of-bitmap becomes end-of-line
    expect((await matchAt(bmpFormat, Buffer.concat([noEnd, tail])))?.validation.reasons[0]).toMatch(/no end-of-bitmap/);
  });
});

describe('bmp format: hostile input', () => {
  it('stops quickly on a 1 GiB declared bitmap in a small source, and on endless end-of-line commands', async () => {
    const huge = Buffer.from(rgb24);
    huge.writeInt32LE(16384, 18);
    huge.writeInt32LE(16384, 22);
    huge.writeUInt32LE(0, 34);
    huge.writeUInt32LE(54 + 16384 * 16384 * 3, 2);
    expect((await matchAt(bmpFormat, huge))?.validation.state).toBe('truncated');
    const endless = Buffer.from(rle8.subarray(0, rle8.readUInt32LE(10)));
    const lines = Buffer.alloc(4_000_000); // end-of-line commands only: rows run past the height
    const big = Buffer.concat([endless, lines]);
    big.writeUInt32LE(lines.length, 34);
    big.writeUInt32LE(big.length, 2);
    let reason: string | undefined;
    expect(await elapsed(async () => (reason = (await matchAt(bmpFormat, big))?.validation.reasons[0]))).toBeLessThan(15_000);
    expect(reason).toMatch(/an end-of-line after the last of 40 rows/);
  });
});
