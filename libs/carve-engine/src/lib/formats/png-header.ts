import { crc32 } from 'node:zlib';

export const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] as const;
/** Signature, then the IHDR chunk: length, type, 13 bytes of data, CRC. */
export const PNG_HEAD_BYTES = 8 + 8 + 13 + 4;
/** PNG 1.2 §4.1.1: width and height are at most 2^31 - 1. */
const MAX_DIMENSION = 0x7fffffff;

/** Bit depths each colour type allows (PNG 1.2 §4.1.1, table "Color type / Allowed bit depths"). */
const DEPTHS: Readonly<Record<number, readonly number[]>> = {
  0: [1, 2, 4, 8, 16],
  2: [8, 16],
  3: [1, 2, 4, 8],
  4: [8, 16],
  6: [8, 16],
};

export interface PngHeader {
  readonly width: number;
  readonly height: number;
}

/** The IHDR at the start of a PNG, checked field by field and by its CRC; undefined when it is not one. */
export function readPngHeader(head: Buffer): PngHeader | undefined {
  if (head.length < PNG_HEAD_BYTES || PNG_SIGNATURE.some((b, i) => head[i] !== b)) return undefined;
  if (head.readUInt32BE(8) !== 13 || head.toString('latin1', 12, 16) !== 'IHDR') return undefined;
  const width = head.readUInt32BE(16);
  const height = head.readUInt32BE(20);
  const [depth, colourType, compression, filter, interlace] = head.subarray(24, 29);
  if (width === 0 || height === 0 || width > MAX_DIMENSION || height > MAX_DIMENSION) return undefined;
  if (!DEPTHS[colourType]?.includes(depth) || compression !== 0 || filter !== 0 || interlace > 1) return undefined;
  if ((crc32(head.subarray(12, 29)) >>> 0) !== head.readUInt32BE(29)) return undefined;
  return { width, height };
}

/** A chunk type is four ASCII letters (PNG 1.2 §3.3). */
export function isChunkType(type: Buffer): boolean {
  return type.length === 4 && type.every((b) => (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a));
}
