import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { photoLike, smallJpeg } from '../../testing/helpers.js';
import { LocationNeutralHasher } from './location-neutral-hash.js';

interface ExifOptions {
  /** Where the GPS directory goes: in the block (pointed at from IFD0), zeroed in place (pointer gone), or left out. */
  gps: 'present' | 'zeroed' | 'absent';
  /** Bytes of padding after the header: moves every directory and value (another layout, same content). */
  pad?: number;
  make?: string;
  latitude?: number;
  thumbnail?: Buffer;
}

/**
 * A little-endian Exif block written by hand: IFD0 (Make, ExifIFD, GPSInfo) → IFD1 (a JPEG thumbnail), an Exif
 * directory (DateTimeOriginal) and a GPS directory (GPSLatitudeRef inline, GPSLatitude as 3 rationals).
 */
function exifBlock({ gps, pad = 0, make = 'Canon', latitude = 48, thumbnail = Buffer.from('ffd8ffd9', 'hex') }: ExifOptions): Buffer {
  const out = Buffer.alloc(512 + pad + thumbnail.length);
  const entry = (at: number, tag: number, type: number, count: number, value: number) => {
    out.writeUInt16LE(tag, at);
    out.writeUInt16LE(type, at + 2);
    out.writeUInt32LE(count, at + 4);
    out.writeUInt32LE(value, at + 8);
  };
  const withGps = gps !== 'absent';
  const ifd0 = 8 + pad;
  const ifd0Entries = gps === 'present' ? 3 : 2;
  const exif = ifd0 + 2 + 12 * 3 + 4; // room for three entries even when two are used (a rewrite in place)
  const gpsAt = exif + 18;
  const ifd1 = gpsAt + (withGps ? 30 : 0);
  const makeAt = ifd1 + 30;
  const dateAt = makeAt + 16;
  const latAt = dateAt + 20;
  const thumbAt = latAt + (withGps ? 24 : 0);
  out.write('II', 0, 'latin1');
  out.writeUInt16LE(42, 2);
  out.writeUInt32LE(ifd0, 4);
  out.writeUInt16LE(ifd0Entries, ifd0);
  entry(ifd0 + 2, 0x010f, 2, make.length + 1, makeAt);
  entry(ifd0 + 14, 0x8769, 4, 1, exif);
  if (gps === 'present') entry(ifd0 + 26, 0x8825, 4, 1, gpsAt);
  out.writeUInt32LE(ifd1, ifd0 + 2 + 12 * ifd0Entries);
  out.writeUInt16LE(1, exif);
  entry(exif + 2, 0x9003, 2, 20, dateAt);
  if (gps === 'present') {
    out.writeUInt16LE(2, gpsAt);
    entry(gpsAt + 2, 0x0001, 2, 2, 0);
    out.write('N\0', gpsAt + 10, 'latin1');
    entry(gpsAt + 14, 0x0002, 5, 3, latAt);
    [latitude, 1, 51, 1, 2400, 100].forEach((v, i) => out.writeUInt32LE(v, latAt + 4 * i));
  }
  out.writeUInt16LE(2, ifd1);
  entry(ifd1 + 2, 0x0201, 4, 1, thumbAt);
  entry(ifd1 + 14, 0x0202, 4, 1, thumbnail.length);
  out.write(`${make}\0`, makeAt, 'latin1');
  out.write('2024:06:01 12:00:00\0', dateAt, 'latin1');
  thumbnail.copy(out, thumbAt);
  return out.subarray(0, thumbAt + thumbnail.length);
}

/** smallJpeg with an APP1 Exif segment holding `tiff` right after SOI. */
function jpegWith(tiff: Buffer): Buffer {
  const payload = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const head = Buffer.from([0xff, 0xe1, 0, 0]);
  head.writeUInt16BE(payload.length + 2, 2);
  const jpeg = smallJpeg();
  return Buffer.concat([jpeg.subarray(0, 2), head, payload, jpeg.subarray(2)]);
}

function noGps(bytes: Buffer, chunk = bytes.length || 1): string {
  const hasher = new LocationNeutralHasher();
  for (let at = 0; at < bytes.length; at += chunk) hasher.update(bytes.subarray(at, at + chunk));
  return hasher.digest();
}
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

const geotagged = jpegWith(exifBlock({ gps: 'present' }));
/** Index of the first byte of entropy-coded data (after the SOS header) in smallJpeg, within `bytes`. */
const scanByte = (bytes: Buffer) => {
  const sos = bytes.indexOf(Buffer.from([0xff, 0xda]));
  return sos + 2 + bytes.readUInt16BE(sos + 2) + 5;
};

describe('the sha256-no-gps digest', () => {
  it('is the same for a geotagged JPEG and that JPEG without its location, stripped in place or rewritten elsewhere', () => {
    const inPlace = jpegWith(exifBlock({ gps: 'zeroed' }));
    const rewritten = jpegWith(exifBlock({ gps: 'absent', pad: 10 }));
    expect(new Set([geotagged.length, inPlace.length, rewritten.length]).size, 'three different files').toBe(2);
    expect(sha256(inPlace)).not.toBe(sha256(geotagged));
    expect(noGps(inPlace)).toBe(noGps(geotagged));
    expect(noGps(rewritten)).toBe(noGps(geotagged));
    expect(noGps(jpegWith(exifBlock({ gps: 'present', latitude: 12 }))), 'another location is still this photo').toBe(noGps(geotagged));
  });

  it('differs at one changed scan byte, a truncation, another Exif value, another thumbnail, another photo', () => {
    const pixel = Buffer.from(geotagged);
    pixel[scanByte(pixel)]! ^= 0x01;
    const reference = noGps(geotagged);
    expect(noGps(pixel), 'one scan byte').not.toBe(reference);
    expect(noGps(geotagged.subarray(0, geotagged.length - 1)), 'the last byte cut').not.toBe(reference);
    expect(noGps(Buffer.concat([geotagged, Buffer.from([0])])), 'a byte appended').not.toBe(reference);
    expect(noGps(jpegWith(exifBlock({ gps: 'absent', make: 'Nikon' }))), 'another camera make').not.toBe(reference);
    expect(noGps(jpegWith(exifBlock({ gps: 'absent', thumbnail: Buffer.from('ffd8ff00d9', 'hex') }))), 'another thumbnail').not.toBe(reference);
    expect(noGps(smallJpeg()), 'the photo with no Exif at all').not.toBe(reference);
  });

  it('gives the same digest however the bytes are split, and never the plain sha256', () => {
    for (const bytes of [geotagged, photoLike(3_000, 1), Buffer.from('tiny')]) {
      const whole = noGps(bytes);
      expect([1, 7, 255, 256, 1000].map((chunk) => noGps(bytes, chunk))).toEqual(Array(5).fill(whole));
      expect(whole).not.toBe(sha256(bytes));
    }
  });

  it('compares the raw bytes of anything that is not a JPEG or HEIF, and of an Exif block that does not parse', () => {
    const other = Buffer.alloc(5_000, 7);
    const changed = Buffer.from(other);
    changed[4_000] = 8;
    expect(noGps(changed)).not.toBe(noGps(other));
    // An IFD0 offset past the end: the segment is compared as it is, so stripping GPS from it would not match.
    const broken = exifBlock({ gps: 'present' });
    broken.writeUInt32LE(60_000, 4);
    expect(noGps(jpegWith(broken))).not.toBe(noGps(jpegWith(exifBlock({ gps: 'absent' }))));
    expect(noGps(jpegWith(broken))).toBe(noGps(jpegWith(Buffer.from(broken))));
  });
});
