import { createHash } from 'node:crypto';
import exifr from 'exifr';
import sharp from 'sharp';
import { LocationNeutralHasher } from '@afterimage/cloud-adapters';
import { describe, expect, it } from 'vitest';
import { cameraPhoto } from './camera-photo.js';
import { stripLocation } from './strip-location.js';

/** The Exif of a file as exifr reads it (for AVIF, from the Exif item sharp finds: exifr reads no AVIF). */
async function exifOf(bytes: Buffer): Promise<Record<string, unknown>> {
  if (bytes[0] === 0xff) return ((await exifr.parse(bytes, { gps: true })) ?? {}) as Record<string, unknown>;
  const exif = (await sharp(bytes).metadata()).exif;
  return exif ? (((await exifr.parse(exif.subarray(6), { gps: true })) ?? {}) as Record<string, unknown>) : {};
}

const pixelsOf = async (bytes: Buffer) => sharp(bytes).raw().toBuffer();
const noGps = (bytes: Buffer) => {
  const hasher = new LocationNeutralHasher();
  hasher.update(bytes);
  return hasher.digest();
};
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const fromScan = (bytes: Buffer) => bytes.subarray(bytes.indexOf(Buffer.from([0xff, 0xda])));

describe('the google-photos emulator’s =d location stripping', () => {
  it('gives a geotagged JPEG back as a valid JPEG, shorter, with the same pixels and scan data, its camera Exif and no GPS', async () => {
    const photo = await cameraPhoto('jpeg', true);
    expect(await exifOf(photo)).toMatchObject({ latitude: expect.closeTo(48.8567, 3), Make: 'Afterimage' });
    const stripped = stripLocation(photo);
    expect(stripped.length).toBeLessThan(photo.length);
    const exif = await exifOf(stripped);
    expect(exif).toMatchObject({ Make: 'Afterimage', Model: 'Test Camera', DateTimeOriginal: expect.any(Date) });
    expect(Object.keys(exif).filter((key) => /^GPS|latitude|longitude/.test(key))).toEqual([]);
    expect((await pixelsOf(stripped)).equals(await pixelsOf(photo))).toBe(true);
    expect(fromScan(stripped).equals(fromScan(photo)), 'every byte from the first scan on').toBe(true);
    expect(sha256(stripped)).not.toBe(sha256(photo));
    expect(noGps(stripped), 'the adapter’s location-neutral digest').toBe(noGps(photo));
  });

  it('gives a geotagged AVIF (HEIF) back the same length, the Exif item rewritten in place without GPS', async () => {
    const photo = await cameraPhoto('avif', true);
    expect(await exifOf(photo)).toMatchObject({ latitude: expect.closeTo(48.8567, 3) });
    const stripped = stripLocation(photo);
    expect(stripped.length).toBe(photo.length);
    const exif = await exifOf(stripped);
    expect(exif).toMatchObject({ Make: 'Afterimage', Model: 'Test Camera' });
    expect(Object.keys(exif).filter((key) => /^GPS|latitude|longitude/.test(key))).toEqual([]);
    expect((await pixelsOf(stripped)).equals(await pixelsOf(photo))).toBe(true);
    expect(sha256(stripped)).not.toBe(sha256(photo));
    expect(noGps(stripped)).toBe(noGps(photo));
  });

  it('gives a photo without GPS, and a file that is no photo, back byte for byte', async () => {
    for (const bytes of [await cameraPhoto('jpeg', false), await cameraPhoto('avif', false), Buffer.from('not a photo at all')]) {
      expect(stripLocation(bytes).equals(bytes)).toBe(true);
    }
  });
});
