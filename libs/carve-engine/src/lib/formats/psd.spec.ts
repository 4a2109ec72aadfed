import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { carveWith, diskOf, elapsed, matchAt, sha256 } from '../../testing/format-harness.js';
import { buildPsd, packBits } from '../../testing/psd-fixtures.js';
import { randomBytes } from '../../testing/random.js';
import sharp from 'sharp';
import { bufferSource } from '../../testing/buffer-source.js';
import { renderJpeg } from '../../testing/jpeg-fixtures.js';
import { thumbnailOf } from '../thumbnail.js';
import { psdFormat } from './psd.js';

const tail = randomBytes(4000, 29);
const rle = buildPsd({ width: 40, height: 24, compression: 'rle' });
const raw = buildPsd({ width: 31, height: 17, channels: 4, compression: 'raw', seed: 2 });
const psb = buildPsd({ width: 25, height: 19, compression: 'rle', big: true, seed: 4 });

/** Where the image data section (its compression field) starts in a buildPsd file. */
function imageDataAt(psd: Buffer): number {
  const wide = psd.readUInt16BE(4) === 2;
  let pos = 26;
  pos += 4 + psd.readUInt32BE(pos);
  pos += 4 + psd.readUInt32BE(pos);
  return pos + (wide ? 8 + Number(psd.readBigUInt64BE(pos)) : 4 + psd.readUInt32BE(pos));
}

describe('psd format: whole files', () => {
  it('carves an RLE PSD, a raw PSD and a PSB out of random filler, aligned and not, byte for byte', async () => {
    for (const [skew, blockSize] of [[0, 512], [45, 1]]) {
      const { disk } = diskOf([rle, raw, psb], skew);
      const found = await carveWith(psdFormat, disk, blockSize);
      expect(found.map((f) => f.sha256)).toEqual([rle, raw, psb].map(sha256));
      expect(found.map((f) => [f.format, f.extension, f.mimeType, f.metadata.width, f.metadata.height])).toEqual([
        ['psd', 'psd', 'image/vnd.adobe.photoshop', 40, 24],
        ['psd', 'psd', 'image/vnd.adobe.photoshop', 31, 17],
        ['psb', 'psb', 'image/vnd.adobe.photoshop', 25, 19],
      ]);
      expect(found.every((f) => f.validation.state === 'complete')).toBe(true);
    }
  });

  it('ends at the merged image data: raw size from rows × channels, RLE size from the byte counts', async () => {
    expect(raw.length - imageDataAt(raw)).toBe(2 + 4 * 17 * 31);
    for (const psd of [rle, raw, psb]) {
      expect((await matchAt(psdFormat, Buffer.concat([psd, tail])))?.length).toBe(psd.length);
    }
  });

  it('inflates ZIP image data to find its end', async () => {
    const at = imageDataAt(raw);
    const pixels = raw.subarray(at + 2);
    const zip = Buffer.concat([raw.subarray(0, at), Buffer.from([0, 2]), deflateSync(pixels)]);
    expect(await matchAt(psdFormat, Buffer.concat([zip, tail]))).toEqual({
      length: zip.length,
      validation: { state: 'complete', reasons: [] },
      dimensions: { width: 31, height: 17 },
    });
  });
});

describe('psd format: preview', () => {
  it('hands out the JPEG thumbnail Photoshop stores in image resource 1036, and thumbnails come from it', async () => {
    const jpeg = await renderJpeg({ width: 160, height: 120, seed: 3 });
    const withThumb = buildPsd({ width: 40, height: 24, thumbnail: jpeg });
    const disk = Buffer.concat([randomBytes(1000, 1), withThumb, tail]);
    const file = { byteRuns: [{ offset: 1000, length: withThumb.length }], size: withThumb.length, format: 'psd' };
    expect(await psdFormat.preview?.(bufferSource(disk), file)).toEqual(jpeg);
    const thumb = await thumbnailOf(bufferSource(disk), file);
    expect(await sharp(thumb.data).metadata()).toMatchObject({ format: 'jpeg', width: 160, height: 120 });
    expect(await psdFormat.preview?.(bufferSource(rle), { byteRuns: [{ offset: 0, length: rle.length }], size: rle.length })).toBeUndefined();
  });
});

describe('psd format: damage', () => {
  it('calls a document the source cuts short truncated', async () => {
    const cut = rle.subarray(0, rle.length - 100);
    const m = await matchAt(psdFormat, cut);
    expect(m).toMatchObject({ length: cut.length, validation: { state: 'truncated' }, dimensions: { width: 40, height: 24 } });
    expect(m?.validation.reasons[0]).toMatch(/source ends .* before the end of its image data/);
  });

  it('cuts before image resources that do not tile their section (corrupt)', async () => {
    const bad = Buffer.from(rle);
    bad.write('XXXX', 26 + 4 + 4, 'latin1');
    const m = await matchAt(psdFormat, Buffer.concat([bad, tail]));
    expect(m).toMatchObject({ length: 30, validation: { state: 'corrupt', reasons: ['image resources at offset 30: an image resource has signature 58585858'] } });
  });

  it('cuts before RLE counts no row can need, and before an unknown compression (corrupt)', async () => {
    const at = imageDataAt(rle);
    const counts = Buffer.from(rle);
    counts.writeUInt16BE(60_000, at + 2 + 2 * 5);
    expect(await matchAt(psdFormat, Buffer.concat([counts, tail]))).toMatchObject({ length: at, validation: { state: 'corrupt' } });
    const method = Buffer.from(rle);
    method.writeUInt16BE(9, at);
    expect((await matchAt(psdFormat, method))?.validation.reasons).toEqual([`image data at offset ${at}: unknown image data compression 9`]);
  });

  it('rejects false starts: bad version, reserved bytes, channel count, depth, mode, an indexed file without its palette', async () => {
    const variants: [number, number, number][] = [
      [4, 2, 3],
      [6, 2, 1],
      [12, 2, 0],
      [22, 2, 7],
      [24, 2, 5],
    ];
    for (const [at, size, value] of variants) {
      const bad = Buffer.from(rle);
      if (size === 2) bad.writeUInt16BE(value, at);
      expect(psdFormat.checkHeader(bad.subarray(0, 26))).toBe(false);
      expect(await matchAt(psdFormat, bad)).toBeNull();
    }
    const indexed = Buffer.from(rle);
    indexed.writeUInt16BE(2, 24);
    expect(await matchAt(psdFormat, indexed)).toBeNull();
  });

  it('packs PackBits the way the format reads it', () => {
    expect([...packBits(Buffer.from([7, 7, 7, 1, 2, 3]))]).toEqual([254, 7, 2, 1, 2, 3]);
  });
});

describe('psd format: hostile input', () => {
  it('stops quickly on 4 GB section lengths, a 16 EB PSB length, and a 30000×30000×56 raw image in a small source', async () => {
    const huge = Buffer.from(rle);
    huge.writeUInt32BE(0xffffffff, 26 + 4 + 4 + huge.readUInt32BE(30));
    expect((await matchAt(psdFormat, huge))?.validation.state).toBe('truncated');
    const resources = Buffer.from(rle);
    resources.writeUInt32BE(0xffffffff, 30);
    expect((await matchAt(psdFormat, resources))?.validation.state).toBe('corrupt'); // the pixels after the resources are no resource
    const big = Buffer.from(psb);
    const layers = 26 + 4 + 4 + big.readUInt32BE(30);
    big.writeBigUInt64BE(0xffffffffffffffffn, layers);
    expect((await matchAt(psdFormat, big))?.validation).toEqual({ state: 'corrupt', reasons: [`layer and mask information at offset ${layers}: the layer and mask section declares length 18446744073709551615`] });
    const giant = Buffer.from(raw);
    giant.writeUInt16BE(56, 12);
    giant.writeUInt32BE(30_000, 14);
    giant.writeUInt32BE(30_000, 18);
    expect((await matchAt(psdFormat, giant))?.validation.state).toBe('truncated');
  });

  it('sums millions of RLE counts quickly', async () => {
    const at = imageDataAt(rle);
    const tall = Buffer.concat([rle.subarray(0, at), Buffer.from([0, 1]), Buffer.alloc(3 * 2 * 30_000 * 2)]);
    tall.writeUInt16BE(56, 12);
    tall.writeUInt32BE(30_000, 14);
    const ms = await elapsed(async () => expect((await matchAt(psdFormat, tall))?.validation.state).toBe('truncated'));
    expect(ms).toBeLessThan(1500);
  });
});
