import { describe, expect, it } from 'vitest';
import { renderJpeg } from '../testing/jpeg-fixtures.js';
import { randomBytes } from '../testing/random.js';
import { jpegFormat } from './formats/jpeg.js';
import { crossCheckType } from './type-check.js';

describe('crossCheckType', () => {
  it('agrees on a real JPEG', async () => {
    expect(await crossCheckType(await renderJpeg(), jpegFormat)).toBeUndefined();
  });

  it('gives a reason when file-type sees something else or nothing', async () => {
    const png = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), randomBytes(64, 1)]);
    expect(await crossCheckType(png, jpegFormat)).toMatch(/image\/png/);
    expect(await crossCheckType(randomBytes(64, 2), jpegFormat)).toMatch(/does not recognise/);
  });

  it('has no opinion on a kind file-type cannot detect, unless it sees another type', async () => {
    const crw = Buffer.concat([Buffer.from('II\x1a\0\0\0HEAPCCDR', 'latin1'), randomBytes(64, 3)]);
    expect(await crossCheckType(crw, { mimeType: 'image/x-canon-crw' })).toBeUndefined();
    expect(await crossCheckType(await renderJpeg(), { mimeType: 'image/x-canon-crw' })).toMatch(/image\/jpeg/);
  });
});
