import { beforeAll, describe, expect, it } from 'vitest';
import { carveWith, diskOf, elapsed, matchAt, sha256 } from '../../testing/format-harness.js';
import { pngChunk, pngChunks, renderPng, toApng } from '../../testing/png-fixtures.js';
import { randomBytes } from '../../testing/random.js';
import { pngFormat } from './png.js';

const tail = randomBytes(4000, 17);
let png: Buffer;
let apng: Buffer;
beforeAll(async () => {
  png = await renderPng({ width: 160, height: 120, seed: 4 });
  apng = toApng(await renderPng({ width: 48, height: 40, seed: 6 }));
});

/** `png` with the chunks before IEND followed by `extra`, then IEND. */
const beforeIend = (file: Buffer, ...extra: Buffer[]): Buffer => Buffer.concat([file.subarray(0, file.length - 12), ...extra, file.subarray(file.length - 12)]);

describe('png format: whole files', () => {
  it('carves PNGs and an APNG out of random filler, aligned and not, byte for byte', async () => {
    const other = await renderPng({ width: 33, height: 17, seed: 8 });
    for (const [skew, blockSize] of [[0, 512], [131, 1]]) {
      const { disk } = diskOf([png, apng, other], skew);
      const found = await carveWith(pngFormat, disk, blockSize);
      expect(found.map((f) => f.sha256)).toEqual([png, apng, other].map(sha256));
      expect(found.map((f) => [f.format, f.extension, f.mimeType])).toEqual([
        ['png', 'png', 'image/png'],
        ['apng', 'apng', 'image/apng'],
        ['png', 'png', 'image/png'],
      ]);
      expect(found.map((f) => [f.metadata.width, f.metadata.height])).toEqual([[160, 120], [48, 40], [33, 17]]);
      expect(found.every((f) => f.validation.state === 'complete')).toBe(true);
    }
  });

  it('walks every chunk to IEND, not to the first IEND-looking bytes inside image data', async () => {
    expect(pngChunks(png).filter((c) => c.type === 'IDAT').length).toBeGreaterThanOrEqual(1);
    const fakeIend = Buffer.from('0000000049454e44ae426082', 'hex');
    const tricky = beforeIend(png, pngChunk('tEXt', Buffer.concat([Buffer.from('Comment\0', 'latin1'), fakeIend])));
    expect(await matchAt(pngFormat, Buffer.concat([tricky, tail]))).toEqual({
      length: tricky.length,
      validation: { state: 'complete', reasons: [] },
      dimensions: { width: 160, height: 120 },
    });
  });

  it('calls a PNG whose acTL comes after its first IDAT a plain PNG, as file-type does', async () => {
    const late = beforeIend(png, pngChunk('acTL', Buffer.alloc(8)));
    expect((await matchAt(pngFormat, late))?.kind).toBeUndefined();
    expect((await matchAt(pngFormat, apng))?.kind).toEqual({ id: 'apng', extension: 'apng', mimeType: 'image/apng' });
  });
});

describe('png format: damage', () => {
  it('calls a PNG the source cuts short truncated, keeping the bytes there are', async () => {
    const cut = png.subarray(0, Math.floor(png.length * 0.7));
    const m = await matchAt(pngFormat, cut);
    expect(m).toMatchObject({ length: cut.length, validation: { state: 'truncated' }, dimensions: { width: 160, height: 120 } });
    expect(m?.validation.reasons[0]).toMatch(/source ends .* before the end of its IDAT chunk/);
  });

  it('cuts at the chunk whose CRC does not match (corrupt)', async () => {
    const idat = pngChunks(png).find((c) => c.type === 'IDAT');
    const bad = Buffer.from(png);
    bad[(idat?.offset ?? 0) + 8 + 100] ^= 0x40;
    const m = await matchAt(pngFormat, Buffer.concat([bad, tail]));
    expect(m).toMatchObject({ length: idat?.offset, validation: { state: 'corrupt', reasons: [`bad CRC in the IDAT chunk at offset ${idat?.offset}`] } });
  });

  it('cuts where random bytes overwrote the chunk chain (corrupt)', async () => {
    const iend = png.length - 12;
    const bad = Buffer.concat([png.subarray(0, iend), randomBytes(3000, 5)]);
    const m = await matchAt(pngFormat, bad);
    expect(m).toMatchObject({ length: iend, validation: { state: 'corrupt' } });
  });

  it('calls IEND before any image data corrupt', async () => {
    const ihdrOnly = Buffer.concat([png.subarray(0, 33), png.subarray(png.length - 12)]);
    expect(await matchAt(pngFormat, ihdrOnly)).toMatchObject({ length: 33, validation: { state: 'corrupt', reasons: ['IEND at offset 33 before any IDAT chunk'] } });
  });

  it('rejects false starts: a bad IHDR, a bad IHDR CRC, a signature followed by noise', async () => {
    const badCrc = Buffer.from(png);
    badCrc[29] ^= 1;
    const badDepth = Buffer.from(png);
    badDepth[24] = 3;
    for (const head of [badCrc, badDepth, Buffer.concat([png.subarray(0, 8), randomBytes(200, 3)])]) {
      expect(pngFormat.checkHeader(head.subarray(0, pngFormat.headerBytes))).toBe(false);
      expect(await matchAt(pngFormat, head)).toBeNull();
    }
  });
});

describe('png format: hostile input', () => {
  it('stops quickly on a chunk claiming 2 GiB, on lengths past 2^31, and on endless empty chunks', async () => {
    const huge = Buffer.concat([png.subarray(0, 33), Buffer.from('7fffffff49444154', 'hex'), randomBytes(100, 2)]);
    expect(await matchAt(pngFormat, huge)).toMatchObject({ length: 141, validation: { state: 'truncated' } });
    const tooLong = Buffer.concat([png.subarray(0, 33), Buffer.from('8000000049444154', 'hex'), randomBytes(100, 2)]);
    expect(await matchAt(pngFormat, tooLong)).toMatchObject({ length: 33, validation: { state: 'corrupt' } });
    const empty = pngChunk('tEXt', Buffer.alloc(0));
    const many = Buffer.concat([png.subarray(0, 33), ...new Array<Buffer>(20_000).fill(empty)]);
    let m: Awaited<ReturnType<typeof matchAt>> = null;
    expect(await elapsed(async () => (m = await matchAt(pngFormat, many)))).toBeLessThan(15_000);
    expect(m).toMatchObject({ length: many.length, validation: { state: 'truncated' } });
  });
});
