import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import { randomBytes } from './random.js';

export interface ImageOptions {
  readonly width?: number;
  readonly height?: number;
  readonly seed?: number;
}

/** Raw RGB noise, so compressed image data is not trivial. */
export function noise(width: number, height: number, seed: number): { data: Buffer; raw: { width: number; height: number; channels: 3 } } {
  return { data: randomBytes(width * height * 3, seed), raw: { width, height, channels: 3 } };
}

/** A real PNG from sharp (small IDAT chunks, so the walk crosses several). */
export async function renderPng(options: ImageOptions = {}): Promise<Buffer> {
  const { width = 120, height = 90, seed = 3 } = options;
  const { data, raw } = noise(width, height, seed);
  return sharp(data, { raw }).png({ compressionLevel: 6 }).toBuffer();
}

/** One PNG chunk: length, type, data, CRC-32 over type and data. */
export function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

export interface PngChunkAt {
  readonly type: string;
  readonly offset: number;
  readonly length: number;
}

/** The chunks of a PNG, with their offsets. */
export function pngChunks(png: Buffer): PngChunkAt[] {
  const chunks: PngChunkAt[] = [];
  for (let pos = 8; pos + 12 <= png.length; ) {
    const length = png.readUInt32BE(pos);
    chunks.push({ type: png.toString('latin1', pos + 4, pos + 8), offset: pos, length });
    pos += 12 + length;
  }
  return chunks;
}

/**
 * An APNG (APNG 1.0) made from a PNG: acTL and a frame control before the IDAT (the default image is
 * frame 1), then a second frame re-using the same pixels as fdAT.
 */
export function toApng(png: Buffer): Buffer {
  const chunks = pngChunks(png);
  const ihdr = chunks[0];
  const width = png.readUInt32BE(ihdr.offset + 8);
  const height = png.readUInt32BE(ihdr.offset + 12);
  const idat = chunks.filter((c) => c.type === 'IDAT').map((c) => png.subarray(c.offset + 8, c.offset + 8 + c.length));
  const frameControl = (sequence: number): Buffer => {
    const fc = Buffer.alloc(26);
    fc.writeUInt32BE(sequence, 0);
    fc.writeUInt32BE(width, 4);
    fc.writeUInt32BE(height, 8);
    fc.writeUInt16BE(1, 20); // delay 1/10 s
    fc.writeUInt16BE(10, 22);
    return pngChunk('fcTL', fc);
  };
  const animation = Buffer.alloc(8);
  animation.writeUInt32BE(2, 0); // frames
  const frameData = (sequence: number, data: Buffer): Buffer => {
    const seq = Buffer.alloc(4);
    seq.writeUInt32BE(sequence, 0);
    return pngChunk('fdAT', Buffer.concat([seq, data]));
  };
  const firstIdat = chunks.find((c) => c.type === 'IDAT') as PngChunkAt;
  const iend = chunks[chunks.length - 1];
  return Buffer.concat([
    png.subarray(0, firstIdat.offset),
    pngChunk('acTL', animation),
    frameControl(0),
    png.subarray(firstIdat.offset, iend.offset),
    frameControl(1),
    ...idat.map((data, i) => frameData(2 + i, data)),
    png.subarray(iend.offset),
  ]);
}
