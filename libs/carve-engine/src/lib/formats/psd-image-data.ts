import { inflateSync } from 'node:zlib';
import type { BoundedReader } from '../bounded-reader.js';
import { psdRowBytes, type PsdHeader } from './psd-header.js';
import type { SectionStep } from './psd-sections.js';

const RAW = 0;
const RLE = 1;
const ZIP = 2;
const ZIP_PREDICTED = 3;
/** RLE byte counts are summed over windows of this many bytes. */
const STEP = 64 * 1024;
/** ZIP image data has no stored length: it is inflated to find its end, up to this much pixel data. */
export const MAX_PSD_INFLATE = 256 * 1024 * 1024;

/**
 * The end of the image data section at `pos` (compression method, then the merged image): raw is
 * rows × channels × row bytes; RLE is a table of per-row byte counts (2 bytes each, 4 in a PSB) and
 * their sum, each no more than PackBits can need (twice the row); ZIP is one zlib stream, inflated to find its end.
 */
export async function imageDataEnd(reader: BoundedReader, pos: number, header: PsdHeader): Promise<SectionStep> {
  const method = await reader.u16be(pos);
  if (method === -1) return { kind: 'out-of-data' };
  const rows = header.channels * header.height;
  const rowBytes = psdRowBytes(header);
  const data = pos + 2;
  if (method === RAW) return { kind: 'ok', end: data + rows * rowBytes };
  if (method === RLE) return rleEnd(reader, data, rows, rowBytes, header.big ? 4 : 2);
  if (method === ZIP || method === ZIP_PREDICTED) return zipEnd(reader, data, rows * rowBytes);
  return { kind: 'invalid', reason: `unknown image data compression ${method}` };
}

async function rleEnd(reader: BoundedReader, table: number, rows: number, rowBytes: number, width: number): Promise<SectionStep> {
  // PackBits at its worst writes every byte as a literal of one: two bytes each.
  const maxRow = 2 * rowBytes;
  let total = 0;
  for (let row = 0; row < rows; ) {
    const n = Math.min(rows - row, STEP / width);
    const counts = await reader.bytes(table + row * width, n * width);
    if (counts === null) return { kind: 'out-of-data' };
    for (let i = 0; i < n; i++) {
      const count = width === 2 ? counts.readUInt16BE(i * 2) : counts.readUInt32BE(i * 4);
      if (count > maxRow) return { kind: 'invalid', reason: `RLE row ${row + i} claims ${count} bytes, more than a ${rowBytes}-byte row can need` };
      total += count;
    }
    row += n;
  }
  return { kind: 'ok', end: table + rows * width + total };
}

async function zipEnd(reader: BoundedReader, data: number, expected: number): Promise<SectionStep> {
  if (expected > MAX_PSD_INFLATE) return { kind: 'invalid', reason: `ZIP image data of ${expected} bytes is too large to inflate` };
  // Deflate never grows data by more than ~0.1% plus a few bytes per block.
  const input = await reader.bytes(data, Math.min(reader.end - data, expected + (expected >> 9) + 1024));
  if (input === null || input.length === 0) return { kind: 'out-of-data' };
  try {
    const { buffer, engine } = inflateSync(input, { info: true, maxOutputLength: Math.max(1, expected) }) as unknown as { buffer: Buffer; engine: { bytesWritten: number } };
    if (buffer.length !== expected) return { kind: 'invalid', reason: `ZIP image data inflates to ${buffer.length} bytes, expected ${expected}` };
    return { kind: 'ok', end: data + engine.bytesWritten };
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'Z_BUF_ERROR' && data + input.length === reader.end) return { kind: 'out-of-data' };
    return { kind: 'invalid', reason: `ZIP image data does not inflate (${code ?? String(error)})` };
  }
}
