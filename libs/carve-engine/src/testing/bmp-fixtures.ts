import { randomBytes, seededRandom } from './random.js';

export interface BmpOptions {
  readonly width?: number;
  readonly height?: number;
  /** 24: BITMAPINFOHEADER, BI_RGB; 32: BITMAPV5HEADER, BI_BITFIELDS; 8: 256-colour palette, RLE8 when `rle`. */
  readonly bpp?: 8 | 24 | 32;
  readonly rle?: boolean;
  /** Rows stored top-down (a negative height). */
  readonly topDown?: boolean;
  /** A V5 embedded ICC profile, stored after the pixels (PROFILE_EMBEDDED). */
  readonly profile?: Buffer;
  readonly seed?: number;
}

const FILE_HEADER = 14;

/** A BMP assembled from the documented structures (BITMAPFILEHEADER, BITMAPINFOHEADER / BITMAPV5HEADER). */
export function buildBmp(options: BmpOptions = {}): Buffer {
  const { width = 50, height = 30, bpp = 24, rle = false, topDown = false, profile, seed = 11 } = options;
  const v5 = bpp === 32 || profile !== undefined;
  const dibSize = v5 ? 124 : 40;
  const palette = bpp === 8 ? paletteOf(seed) : Buffer.alloc(0);
  const pixels = rle ? encodeRle8(width, height, seed) : randomBytes(Math.ceil((width * bpp) / 32) * 4 * height, seed);
  const pixelOffset = FILE_HEADER + dibSize + palette.length;
  const fileSize = pixelOffset + pixels.length + (profile?.length ?? 0);
  const head = Buffer.alloc(pixelOffset);
  head.write('BM', 0, 'latin1');
  head.writeUInt32LE(fileSize, 2);
  head.writeUInt32LE(pixelOffset, 10);
  const dib = FILE_HEADER;
  head.writeUInt32LE(dibSize, dib);
  head.writeInt32LE(width, dib + 4);
  head.writeInt32LE(topDown ? -height : height, dib + 8);
  head.writeUInt16LE(1, dib + 12);
  head.writeUInt16LE(bpp, dib + 14);
  head.writeUInt32LE(rle ? 1 : bpp === 32 ? 3 : 0, dib + 16);
  head.writeUInt32LE(pixels.length, dib + 20);
  head.writeInt32LE(2835, dib + 24); // 72 dpi
  head.writeInt32LE(2835, dib + 28);
  head.writeUInt32LE(bpp === 8 ? 256 : 0, dib + 32);
  if (v5) {
    if (bpp === 32) {
      head.writeUInt32LE(0x00ff0000, dib + 40); // red, green, blue, alpha masks
      head.writeUInt32LE(0x0000ff00, dib + 44);
      head.writeUInt32LE(0x000000ff, dib + 48);
      head.writeUInt32LE(0xff000000, dib + 52);
    }
    head.writeUInt32LE(profile ? 0x4d424544 : 0x73524742, dib + 56); // 'MBED' or 'sRGB'
    head.writeUInt32LE(4, dib + 108); // LCS_GM_IMAGES
    if (profile) {
      head.writeUInt32LE(pixelOffset + pixels.length - dib, dib + 112);
      head.writeUInt32LE(profile.length, dib + 116);
    }
  }
  palette.copy(head, FILE_HEADER + dibSize);
  return Buffer.concat([head, pixels, profile ?? Buffer.alloc(0)]);
}

function paletteOf(seed: number): Buffer {
  const palette = randomBytes(256 * 4, seed + 1);
  for (let i = 3; i < palette.length; i += 4) palette[i] = 0;
  return palette;
}

/** RLE8 pixels: each row as runs of 1–20 equal bytes, an end-of-line after each row, end-of-bitmap last. */
export function encodeRle8(width: number, height: number, seed: number): Buffer {
  const next = seededRandom(seed);
  const out: number[] = [];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; ) {
      const run = Math.min(width - x, 1 + Math.floor(next() * 20));
      out.push(run, Math.floor(next() * 256));
      x += run;
    }
    out.push(0, y === height - 1 ? 1 : 0);
  }
  return Buffer.from(out);
}
