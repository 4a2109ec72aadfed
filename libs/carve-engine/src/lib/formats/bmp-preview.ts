import { BoundedReader } from '../bounded-reader.js';
import type { CarveSource } from '../byte-source.js';
import type { CarvedFile } from '../types.js';
import { BI_BITFIELDS, BI_RGB, BMP_HEAD_BYTES, readBmpHeader, type BmpHeader } from './bmp-header.js';

/** The preview's longest edge; rows and columns are sampled, so at most this many rows are read. */
const PREVIEW_EDGE = 512;

/**
 * A JPEG rendering of an uncompressed 8-, 24- or 32-bit bitmap (sharp cannot read BMP): every n-th row
 * and column, so at most PREVIEW_EDGE rows are read whatever the bitmap's size. Undefined for other
 * kinds (RLE, 16-bit, JPEG/PNG inside) or damaged headers.
 */
export async function bmpPreview(source: CarveSource, file: Pick<CarvedFile, 'byteRuns' | 'size'>, signal?: AbortSignal): Promise<Buffer | undefined> {
  const start = file.byteRuns[0]?.offset;
  if (start === undefined || file.byteRuns.length !== 1) return undefined;
  const reader = new BoundedReader(source, start, file.size, signal);
  const head = await reader.bytes(start, Math.min(BMP_HEAD_BYTES, reader.end - start));
  const header = head && readBmpHeader(head);
  if (!header || !previewable(header, head)) return undefined;
  const palette = header.bpp === 8 ? await reader.bytes(start + header.palette.offset, header.palette.entries * header.palette.entrySize) : null;
  if (header.bpp === 8 && palette === null) return undefined;
  const step = Math.ceil(Math.max(header.width, header.height) / PREVIEW_EDGE);
  const width = Math.ceil(header.width / step);
  const height = Math.ceil(header.height / step);
  const stride = Math.ceil((header.width * header.bpp) / 32) * 4;
  const rgb = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    const row = header.topDown ? y * step : header.height - 1 - y * step;
    const bytes = await reader.bytes(start + header.pixelOffset + row * stride, stride);
    if (bytes === null) break; // a truncated bitmap: the rest stays black
    for (let x = 0; x < width; x++) {
      const at = (y * width + x) * 3;
      const px = x * step;
      const bgr = palette ? palette.subarray(bytes[px] * header.palette.entrySize) : bytes.subarray((px * header.bpp) / 8);
      rgb[at] = bgr[2] ?? 0;
      rgb[at + 1] = bgr[1] ?? 0;
      rgb[at + 2] = bgr[0] ?? 0;
    }
  }
  // Loaded when a preview is wanted: libvips costs a scan (every worker thread too) ~30 MB of RSS.
  const { default: sharp } = await import('sharp');
  return sharp(rgb, { raw: { width, height, channels: 3 } }).jpeg({ quality: 80 }).toBuffer();
}

/** 8-bit palette, 24-bit BGR, 32-bit BGRX (or bit fields laid out the same way). */
function previewable(header: BmpHeader, head: Buffer): boolean {
  if (header.compression === BI_RGB) return header.bpp === 8 || header.bpp === 24 || header.bpp === 32;
  if (header.compression !== BI_BITFIELDS || header.bpp !== 32) return false;
  return head.readUInt32LE(54) === 0x00ff0000 && head.readUInt32LE(58) === 0x0000ff00 && head.readUInt32LE(62) === 0x000000ff;
}
