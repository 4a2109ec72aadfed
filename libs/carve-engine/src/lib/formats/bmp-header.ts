/** BITMAPFILEHEADER (14 bytes) plus the largest DIB header (BITMAPV5HEADER, 124 bytes) and 16 bytes of masks. */
export const BMP_HEAD_BYTES = 14 + 124 + 16;
/** Smallest head that can be judged: the file header and a BITMAPCOREHEADER. */
const MIN_HEAD = 14 + 12;
const DIB_SIZES = new Set([12, 40, 52, 56, 108, 124]);
/** Some writers (Photoshop) pad the file a few bytes past its pixel data; more than this is not a BMP. */
export const MAX_BMP_SLACK = 16;
/** Far beyond any real bitmap; stops nonsense sizes early. */
const MAX_SIDE = 1 << 17;

export const BI_RGB = 0;
export const BI_RLE8 = 1;
export const BI_RLE4 = 2;
export const BI_BITFIELDS = 3;
const BI_JPEG = 4;
const BI_PNG = 5;
const BI_ALPHABITFIELDS = 6;
/** 'MBED' / 'LINK': a BITMAPV5HEADER whose ICC profile (or its file name) is stored in the file. */
const PROFILE_EMBEDDED = 0x4d424544;
const PROFILE_LINKED = 0x4c494e4b;

export interface BmpHeader {
  readonly width: number;
  readonly height: number;
  readonly compression: number;
  readonly pixelOffset: number;
  readonly pixelBytes: number;
  /** The declared file size (bfSize), checked against what the headers imply. */
  readonly fileSize: number;
  readonly bpp: number;
  /** Rows stored top row first (a negative height); bottom row first otherwise. */
  readonly topDown: boolean;
  /** Where the colour table starts, its entries, and their size (3 bytes in a core header, else 4). */
  readonly palette: { readonly offset: number; readonly entries: number; readonly entrySize: number };
}

/**
 * Parses and cross-checks a BMP's headers (the 'BM' signature is weak, so everything must agree: reserved
 * fields zero, a known DIB header size, planes 1, a bit depth the compression allows, a pixel offset
 * after the headers, and a declared file size equal to what the pixel data — and a V5 embedded ICC
 * profile — imply, give or take MAX_BMP_SLACK bytes). Undefined when it is not a BMP.
 */
export function readBmpHeader(head: Buffer): BmpHeader | undefined {
  if (head.length < MIN_HEAD || head[0] !== 0x42 || head[1] !== 0x4d) return undefined;
  const fileSize = head.readUInt32LE(2);
  const pixelOffset = head.readUInt32LE(10);
  const dibSize = head.readUInt32LE(14);
  if (head.readUInt32LE(6) !== 0 || !DIB_SIZES.has(dibSize) || head.length < Math.min(14 + dibSize, BMP_HEAD_BYTES)) return undefined;
  const info = dibSize === 12 ? coreInfo(head) : fullInfo(head);
  if (!info) return undefined;
  const { width, height, bpp, compression, imageSize, colours, topDown } = info;
  if (width < 1 || height < 1 || width > MAX_SIDE || height > MAX_SIDE) return undefined;
  if (!depthFits(compression, bpp)) return undefined;
  const masks = dibSize === 40 && compression === BI_BITFIELDS ? 12 : dibSize === 40 && compression === BI_ALPHABITFIELDS ? 16 : 0;
  const paletteEntries = bpp <= 8 && bpp > 0 ? colours || 2 ** bpp : colours;
  if (bpp <= 8 && bpp > 0 && colours > 2 ** bpp) return undefined;
  const headersEnd = 14 + dibSize + masks + paletteEntries * (dibSize === 12 ? 3 : 4);
  if (pixelOffset < headersEnd) return undefined;

  const stride = Math.ceil((width * bpp) / 32) * 4;
  const raw = compression === BI_RGB || compression === BI_BITFIELDS || compression === BI_ALPHABITFIELDS;
  const pixelBytes = raw ? stride * height : imageSize;
  if (pixelBytes === 0 || (raw && imageSize !== 0 && (imageSize < pixelBytes || imageSize > pixelBytes + MAX_BMP_SLACK))) return undefined;
  let implied = pixelOffset + pixelBytes;
  const colourSpace = dibSize === 124 ? head.readUInt32LE(14 + 56) : 0;
  if (colourSpace === PROFILE_EMBEDDED || colourSpace === PROFILE_LINKED) {
    const profileEnd = 14 + head.readUInt32LE(14 + 112) + head.readUInt32LE(14 + 116);
    if (profileEnd <= 14 + dibSize) return undefined;
    implied = Math.max(implied, profileEnd);
  }
  if (fileSize < implied || fileSize > implied + MAX_BMP_SLACK) return undefined;
  const palette = { offset: 14 + dibSize + masks, entries: paletteEntries, entrySize: dibSize === 12 ? 3 : 4 };
  return { width, height, compression, pixelOffset, pixelBytes, fileSize, bpp, topDown, palette };
}

interface Info {
  readonly width: number;
  readonly height: number;
  readonly bpp: number;
  readonly compression: number;
  readonly imageSize: number;
  readonly colours: number;
  readonly topDown: boolean;
}

/** BITMAPCOREHEADER (OS/2 1.x): 16-bit sizes, no compression, RGB triples in the palette. */
function coreInfo(head: Buffer): Info | undefined {
  if (head.readUInt16LE(22) !== 1) return undefined;
  const bpp = head.readUInt16LE(24);
  if (![1, 4, 8, 24].includes(bpp)) return undefined;
  return { width: head.readUInt16LE(18), height: head.readUInt16LE(20), bpp, compression: BI_RGB, imageSize: 0, colours: 0, topDown: false };
}

/** BITMAPINFOHEADER and its successors (V2/V3 masks, V4, V5); a negative height means top-down rows. */
function fullInfo(head: Buffer): Info | undefined {
  const signedHeight = head.readInt32LE(22);
  const compression = head.readUInt32LE(30);
  if (head.readUInt16LE(26) !== 1) return undefined;
  // Top-down bitmaps cannot be compressed (only BI_RGB and the bit-field variants).
  if (signedHeight < 0 && compression !== BI_RGB && compression !== BI_BITFIELDS && compression !== BI_ALPHABITFIELDS) return undefined;
  return {
    width: head.readInt32LE(18),
    height: Math.abs(signedHeight),
    bpp: head.readUInt16LE(28),
    compression,
    imageSize: head.readUInt32LE(34),
    colours: head.readUInt32LE(46),
    topDown: signedHeight < 0,
  };
}

/** The bit depths each compression allows (BITMAPINFOHEADER documentation). */
function depthFits(compression: number, bpp: number): boolean {
  switch (compression) {
    case BI_RGB:
      return [1, 2, 4, 8, 16, 24, 32, 64].includes(bpp);
    case BI_RLE8:
      return bpp === 8;
    case BI_RLE4:
      return bpp === 4;
    case BI_BITFIELDS:
    case BI_ALPHABITFIELDS:
      return bpp === 16 || bpp === 32;
    case BI_JPEG:
    case BI_PNG:
      return bpp === 0;
    default:
      return false;
  }
}
