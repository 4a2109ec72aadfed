import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { carve } from './carve.js';
import { tiffFormat } from './formats/tiff.js';
import type { CarvedFile } from './types.js';
import { bufferSource } from '../testing/buffer-source.js';
import { buildDisk } from '../testing/disk.js';
import { CAMERA_EXIF, renderJpeg } from '../testing/jpeg-fixtures.js';
import { buildArwPrivateLast, buildRw2, buildNef } from '../testing/tiff-raw-fixtures.js';

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

  it("does not let a cut-short RAW's private data swallow the photo written after it", async () => {
    const arw = await buildArwPrivateLast();
    const whole = await tiffFormat.match(bufferSource(arw.data), 0, { maxSize: arw.data.length });
    expect(whole).toMatchObject({ length: arw.data.length, validation: { state: 'complete' } });
    const jpeg = await renderJpeg({ width: 160, height: 120, seed: 6, exif: CAMERA_EXIF });
    // Whole, with a photo behind it: both kept whole.
    const behind = 8192 + Math.ceil(arw.data.length / 512) * 512;
    const both = await carveAll(buildDisk(behind + 131_072, [{ offset: 8192, data: arw.data }, { offset: behind, data: jpeg }]), 512);
    expect(both.map((f) => [f.format, f.byteRuns[0]?.offset, f.size, f.validation.state])).toEqual([
      ['arw', 8192, arw.data.length, 'complete'],
      ['jpeg', behind, jpeg.length, 'complete'],
    ]);
    // Cut 2 KB into its 40 KB private value (Sony's SR2Private), a photo written at the next sector.
    const cut = arw.data.subarray(0, arw.privateAt + 2048);
    const jpegAt = 8192 + Math.ceil(cut.length / 512) * 512;
    expect(jpegAt - 8192).toBeLessThan(arw.privateAt + 40_000); // inside what the value claims
    const found = await carveAll(buildDisk(jpegAt + 131_072, [{ offset: 8192, data: cut }, { offset: jpegAt, data: jpeg }]), 512);
    expect(found.find((f) => f.byteRuns[0]?.offset === jpegAt)).toMatchObject({ format: 'jpeg', sha256: sha(jpeg), validation: { state: 'complete' } });
    const raw = found.find((f) => f.byteRuns[0]?.offset === 8192);
    expect(raw).toMatchObject({ format: 'arw', size: jpegAt - 8192, validation: { state: 'corrupt' } });
    expect(raw?.validation.reasons).toContainEqual(expect.stringMatching(/a complete jpeg file starts at byte \d+, inside the data this file claims: cut there/));
    // Past its other parts, its private data is looked through as raw data is.
    expect(whole?.payload).toContainEqual({ offset: arw.privateAt, length: 40_000 });
  });

  it('leaves a whole RAW alone: its own JPEG preview strip is part of it, not a foreign file', async () => {
    const nef = (await buildNef()).data;
    const disk = buildDisk(nef.length + 16_384, [{ offset: 4096, data: nef }]);
    const found = await carveAll(disk, 1);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ format: 'nef', size: nef.length, sha256: sha(nef), validation: { state: 'complete' } });
  });
});
