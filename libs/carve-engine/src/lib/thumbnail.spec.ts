import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { bufferSource } from '../testing/buffer-source.js';
import { findSegment, renderJpeg, withExifThumbnail } from '../testing/jpeg-fixtures.js';
import { randomBytes } from '../testing/random.js';
import { ThumbnailError } from './errors.js';
import { thumbnailOf } from './thumbnail.js';

const whole = (data: Buffer) => ({ byteRuns: [{ offset: 0, length: data.length }], size: data.length });

let photo: Buffer;
let thumb: Buffer;
beforeAll(async () => {
  photo = await renderJpeg({ width: 640, height: 480, seed: 17 });
  thumb = await renderJpeg({ width: 96, height: 72, seed: 19 });
});

describe('thumbnailOf', () => {
  it('returns the embedded EXIF thumbnail as it is stored', async () => {
    const file = withExifThumbnail(photo, thumb);
    const result = await thumbnailOf(bufferSource(file), whole(file));
    expect(result.mimeType).toBe('image/jpeg');
    expect(result.data.equals(thumb)).toBe(true);
  });

  it('returns the embedded thumbnail even when the main image is wrecked', async () => {
    const file = withExifThumbnail(photo, thumb);
    const sos = findSegment(file, 0xda);
    const wrecked = Buffer.concat([file.subarray(0, sos.offset), randomBytes(5000, 3)]);
    const result = await thumbnailOf(bufferSource(wrecked), whole(wrecked));
    expect(result.data.equals(thumb)).toBe(true);
  });

  it('renders one with sharp, at most 256 px, when there is no embedded thumbnail', async () => {
    const disk = Buffer.concat([randomBytes(1000, 1), photo, randomBytes(1000, 2)]);
    const result = await thumbnailOf(bufferSource(disk), { byteRuns: [{ offset: 1000, length: photo.length }], size: photo.length });
    const meta = await sharp(result.data).metadata();
    expect(meta).toMatchObject({ format: 'jpeg', width: 256, height: 192 });
  });

  it('renders what there is of a truncated photo', async () => {
    const cut = photo.subarray(0, Math.floor(photo.length / 2));
    const result = await thumbnailOf(bufferSource(cut), whole(cut));
    expect((await sharp(result.data).metadata()).width).toBe(256);
  });

  it('throws a ThumbnailError for bytes no decoder understands', async () => {
    const junk = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(3000, 9)]);
    await expect(thumbnailOf(bufferSource(junk), whole(junk))).rejects.toBeInstanceOf(ThumbnailError);
  });

  it('throws a ThumbnailError instead of decoding a frame that claims 65535×65535 pixels', async () => {
    const huge = Buffer.from(photo);
    const sof = findSegment(huge, 0xc0);
    huge.writeUInt16BE(65535, sof.offset + 5);
    huge.writeUInt16BE(65535, sof.offset + 7);
    const error = await thumbnailOf(bufferSource(huge), whole(huge)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ThumbnailError);
    expect((error as ThumbnailError).cause).toBeInstanceOf(Error);
  });
});
