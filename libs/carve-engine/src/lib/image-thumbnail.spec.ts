import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { exifApp1WithThumbnail, withExifThumbnail } from '../testing/jpeg-fixtures.js';
import { imageThumbnail } from './image-thumbnail.js';

describe('imageThumbnail', () => {
  it('shrinks a photo to fit the edge, upright by its EXIF orientation, as a JPEG', async () => {
    // 400×200 stored, orientation 6 (shown turned 90° clockwise): upright it is 200 wide, 400 high.
    const stored = await sharp({ create: { width: 400, height: 200, channels: 3, background: '#c04020' } }).withMetadata({ orientation: 6 }).jpeg().toBuffer();
    const thumb = await imageThumbnail(stored, { maxEdge: 100 });
    expect(thumb).toMatchObject({ mimeType: 'image/jpeg', width: 50, height: 100 });
    expect(await sharp(thumb.data).metadata()).toMatchObject({ format: 'jpeg', width: 50, height: 100 });
  });

  it('never enlarges, and reads PNG too', async () => {
    const png = await sharp({ create: { width: 40, height: 30, channels: 4, background: '#2040c0' } }).png().toBuffer();
    expect(await imageThumbnail(png, { maxEdge: 1024 })).toMatchObject({ width: 40, height: 30 });
  });

  it('falls back to the embedded EXIF thumbnail when the main image cannot be decoded', async () => {
    const inner = await sharp({ create: { width: 32, height: 24, channels: 3, background: '#10a010' } }).jpeg().toBuffer();
    // A JPEG whose EXIF carries `inner` as its thumbnail, its own picture data cut off and garbled.
    const whole = withExifThumbnail(await sharp({ create: { width: 300, height: 200, channels: 3, background: '#808080' } }).jpeg().toBuffer(), inner);
    const app1 = exifApp1WithThumbnail(inner);
    const broken = Buffer.concat([whole.subarray(0, 2 + app1.length), Buffer.from('ffdb0004deadbeef', 'hex')]);
    const thumb = await imageThumbnail(broken, { maxEdge: 256 });
    expect(thumb).toMatchObject({ width: 32, height: 24 });
  });

  it('says plainly when bytes are no image', async () => {
    await expect(imageThumbnail(Buffer.from('just some text, not a picture'))).rejects.toMatchObject({ name: 'ThumbnailError', message: expect.stringContaining('not an image') });
  });
});
