import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { carve } from './carve.js';
import { tiffFormat } from './formats/tiff.js';
import type { CarvedFile } from './types.js';
import { bufferSource } from '../testing/buffer-source.js';
import { buildDisk } from '../testing/disk.js';
import { CAMERA_EXIF, renderJpeg } from '../testing/jpeg-fixtures.js';
import { buildRw2, buildNef } from '../testing/tiff-raw-fixtures.js';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function carveAll(disk: Buffer, blockSize: number): Promise<CarvedFile[]> {
  const found: CarvedFile[] = [];
  for await (const file of carve(bufferSource(disk), { blockSize, workers: 1 })) found.push(file);
  return found;
}

/**
 * A RAW cut short (as exiftool's stripped samples are, or a card whose next photos were written
 * over the rest of it): its strip offsets still claim the raw data, now the bytes of other photos.
 */
async function strippedRw2WithPhotosBehind() {
  const rw2 = (await buildRw2()).data;
  const whole = await tiffFormat.match(bufferSource(rw2), 0, { maxSize: rw2.length });
  const raw = whole?.payload?.[0];
  if (!raw) throw new Error('the RW2 fixture should report its raw strip as payload');
  const stripped = rw2.subarray(0, raw.offset + 4096);
  const jpeg = await renderJpeg({ width: 160, height: 120, seed: 5, exif: CAMERA_EXIF });
  const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: { r: 200, g: 80, b: 20 } } }).png().toBuffer();
  const base = 8192;
  const jpegAt = Math.ceil((base + stripped.length) / 512) * 512;
  const pngAt = Math.ceil((jpegAt + jpeg.length) / 512) * 512;
  expect(pngAt + png.length).toBeLessThan(base + raw.offset + raw.length); // both inside the claimed raw data
  const disk = buildDisk(base + rw2.length + 65_536, [
    { offset: base, data: stripped },
    { offset: jpegAt, data: jpeg },
    { offset: pngAt, data: png },
  ]);
  return { disk, base, jpegAt, pngAt, jpeg, png };
}

describe('a file never hides the files behind it', () => {
  for (const blockSize of [512, 1]) {
    it(`cuts a RAW whose raw data claims other photos' bytes, and finds those photos (block size ${blockSize})`, async () => {
      const { disk, base, jpegAt, pngAt, jpeg, png } = await strippedRw2WithPhotosBehind();
      const found = await carveAll(disk, blockSize);
      const rw2 = found.find((f) => f.format === 'rw2');
      expect(rw2).toMatchObject({ byteRuns: [{ offset: base }], size: jpegAt - base, validation: { state: 'corrupt' } });
      expect(rw2!.validation.reasons.join(' ')).toContain('a complete jpeg file starts at byte');
      expect(found.find((f) => f.byteRuns[0]!.offset === jpegAt)).toMatchObject({ format: 'jpeg', sha256: sha(jpeg), validation: { state: 'complete' } });
      expect(found.find((f) => f.byteRuns[0]!.offset === pngAt)).toMatchObject({ format: 'png', sha256: sha(png), validation: { state: 'complete' } });
    });
  }

  it('leaves a whole RAW alone: its own JPEG preview strip is part of it, not a foreign file', async () => {
    const nef = (await buildNef()).data;
    const disk = buildDisk(nef.length + 16_384, [{ offset: 4096, data: nef }]);
    const found = await carveAll(disk, 1);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ format: 'nef', size: nef.length, sha256: sha(nef), validation: { state: 'complete' } });
  });
});
