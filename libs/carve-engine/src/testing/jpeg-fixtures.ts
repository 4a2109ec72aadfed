import sharp, { type Exif } from 'sharp';
import { randomBytes } from './random.js';

export interface RenderOptions {
  readonly width?: number;
  readonly height?: number;
  readonly seed?: number;
  readonly progressive?: boolean;
  readonly quality?: number;
  readonly exif?: Exif;
}

/** A real JPEG from sharp: a flat colour with a tiled noise overlay, so the entropy data is not trivial. */
export async function renderJpeg(options: RenderOptions = {}): Promise<Buffer> {
  const { width = 320, height = 240, seed = 7, progressive = false, quality = 85 } = options;
  const tile = { width: Math.min(48, width), height: Math.min(32, height), channels: 3 as const };
  const noise = randomBytes(tile.width * tile.height * tile.channels, seed);
  let image = sharp({ create: { width, height, channels: 3, background: { r: (seed * 37) % 256, g: 120, b: 60 } } })
    .composite([{ input: noise, raw: tile, tile: true, blend: 'overlay' }]);
  if (options.exif) image = image.withExif(options.exif);
  return image.jpeg({ quality, progressive }).toBuffer();
}

/** EXIF as sharp writes it: IFD0 camera, IFD2 (the Exif IFD) date, lens and zone, IFD3 GPS. */
export const CAMERA_EXIF: Exif = {
  IFD0: { Make: 'Afterimage', Model: 'TestCam', DateTime: '2023:07:14 09:26:53' },
  IFD2: { DateTimeOriginal: '2023:07:14 09:26:53', OffsetTimeOriginal: '+02:00', LensModel: 'Test Lens 35mm' },
  IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 30/1 3230/100', GPSLongitudeRef: 'W', GPSLongitude: '0/1 7/1 4366/100' },
};

/** Puts `segment` (a whole marker segment) right after a JPEG's SOI. */
export function insertAfterSoi(jpeg: Buffer, segment: Buffer): Buffer {
  return Buffer.concat([jpeg.subarray(0, 2), segment, jpeg.subarray(2)]);
}

export function segment(marker: number, payload: Buffer): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt16BE(0xff00 | marker, 0);
  head.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([head, payload]);
}

/**
 * An EXIF APP1 (little-endian TIFF) with Make/Model in IFD0 and, in IFD1, JPEGInterchangeFormat and
 * JPEGInterchangeFormatLength pointing at `thumbnail`, stored inside the segment (EXIF 2.3 §4.5.8).
 */
export function exifApp1WithThumbnail(thumbnail: Buffer, make = 'Afterimage', model = 'ThumbCam'): Buffer {
  const strings = Buffer.from(`${make}\0${model}\0`, 'latin1');
  const ifd0 = 8;
  const ifd0Size = 2 + 2 * 12 + 4;
  const stringsAt = ifd0 + ifd0Size;
  const ifd1 = stringsAt + strings.length + (strings.length % 2);
  const ifd1Size = 2 + 3 * 12 + 4;
  const thumbAt = ifd1 + ifd1Size;
  const tiff = Buffer.alloc(thumbAt + thumbnail.length);
  tiff.write('II', 0, 'latin1');
  tiff.writeUInt16LE(42, 2);
  tiff.writeUInt32LE(ifd0, 4);
  const entry = (at: number, tag: number, type: number, count: number, value: number): void => {
    tiff.writeUInt16LE(tag, at);
    tiff.writeUInt16LE(type, at + 2);
    tiff.writeUInt32LE(count, at + 4);
    if (type === 3) tiff.writeUInt16LE(value, at + 8);
    else tiff.writeUInt32LE(value, at + 8);
  };
  tiff.writeUInt16LE(2, ifd0);
  entry(ifd0 + 2, 0x010f, 2, make.length + 1, stringsAt);
  entry(ifd0 + 14, 0x0110, 2, model.length + 1, stringsAt + make.length + 1);
  tiff.writeUInt32LE(ifd1, ifd0 + 26);
  strings.copy(tiff, stringsAt);
  tiff.writeUInt16LE(3, ifd1);
  entry(ifd1 + 2, 0x0103, 3, 1, 6);
  entry(ifd1 + 14, 0x0201, 4, 1, thumbAt);
  entry(ifd1 + 26, 0x0202, 4, 1, thumbnail.length);
  tiff.writeUInt32LE(0, ifd1 + 38);
  thumbnail.copy(tiff, thumbAt);
  return segment(0xe1, Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]));
}

/** A JPEG carrying `thumbnail` (itself a JPEG) as its EXIF thumbnail. */
export function withExifThumbnail(jpeg: Buffer, thumbnail: Buffer): Buffer {
  return insertAfterSoi(jpeg, exifApp1WithThumbnail(thumbnail));
}

/**
 * A multi-picture JPEG (CIPA DC-007): `primary` gets an APP2 "MPF\0" whose MP Index IFD lists itself
 * (offset 0) and each of `others`, which follow its EOI.
 */
export function buildMpf(primary: Buffer, others: readonly Buffer[]): Buffer {
  const count = others.length + 1;
  const ifdSize = 2 + 3 * 12 + 4;
  const header = Buffer.alloc(8 + ifdSize + 16 * count);
  header.write('II', 0, 'latin1');
  header.writeUInt16LE(42, 2);
  header.writeUInt32LE(8, 4);
  header.writeUInt16LE(3, 8);
  const entry = (at: number, tag: number, type: number, n: number): void => {
    header.writeUInt16LE(tag, at);
    header.writeUInt16LE(type, at + 2);
    header.writeUInt32LE(n, at + 4);
  };
  entry(10, 0xb000, 7, 4);
  header.write('0100', 18, 'latin1');
  entry(22, 0xb001, 4, 1);
  header.writeUInt32LE(count, 30);
  entry(34, 0xb002, 7, 16 * count);
  const entriesAt = 8 + ifdSize;
  header.writeUInt32LE(entriesAt, 42);
  header.writeUInt32LE(0, 46);
  const app2 = segment(0xe2, Buffer.concat([Buffer.from('MPF\0', 'latin1'), header]));
  const mpHeaderOffset = 2 + 4 + 4; // SOI, APP2 marker and length, "MPF\0"
  const primarySize = primary.length + app2.length;
  let next = primarySize;
  [primary, ...others].forEach((image, i) => {
    const at = entriesAt + 16 * i;
    header.writeUInt32LE(i === 0 ? 0x20030000 : 0x00020002, at);
    header.writeUInt32LE(i === 0 ? primarySize : image.length, at + 4);
    header.writeUInt32LE(i === 0 ? 0 : next - mpHeaderOffset, at + 8);
    if (i > 0) next += image.length;
  });
  const app2Final = segment(0xe2, Buffer.concat([Buffer.from('MPF\0', 'latin1'), header]));
  return Buffer.concat([insertAfterSoi(primary, app2Final), ...others]);
}

export interface SegmentInfo {
  readonly marker: number;
  /** Offset of the 0xFF of the marker. */
  readonly offset: number;
  /** Whole segment, marker included. */
  readonly size: number;
}

/** The header segments of a well-formed JPEG up to and including its first SOS (test helper, trusts its input). */
export function headerSegments(jpeg: Buffer): SegmentInfo[] {
  const out: SegmentInfo[] = [];
  for (let pos = 2; pos + 4 <= jpeg.length; ) {
    const marker = jpeg[pos + 1];
    const size = 2 + jpeg.readUInt16BE(pos + 2);
    out.push({ marker, offset: pos, size });
    if (marker === 0xda) break;
    pos += size;
  }
  return out;
}

export function findSegment(jpeg: Buffer, marker: number): SegmentInfo {
  const found = headerSegments(jpeg).find((s) => s.marker === marker);
  if (!found) throw new Error(`no 0xFF${marker.toString(16)} segment`);
  return found;
}
