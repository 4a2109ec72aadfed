import type { BoundedReader } from '../../bounded-reader.js';
import type { Box } from './isobmff.js';

/**
 * A track's sample tables (ISO/IEC 14496-12 §8.7): chunk offsets (stco, or co64 for 64-bit ones)
 * measured from the start of the file, samples per chunk (stsc) and sample sizes (stsz).
 */
export interface ChunkExtent {
  readonly chunks: number;
  /** Offset (from the file's start) of the chunk that lies last. */
  readonly lastOffset: number;
  /** Its size from stsc/stsz, when the tables give it. */
  readonly lastSize?: number;
}

/** Hours of video have ~10^5 chunks; the counts must also fit in their box (checked first). */
export const MAX_TABLE_ENTRIES = 1 << 24;
const PIECE = 64 * 1024;

/** Where a track's data ends, from its tables in `stbl`'s children; a string says what is wrong. */
export async function chunkExtent(reader: BoundedReader, tables: readonly Box[]): Promise<ChunkExtent | string | undefined> {
  const offsets = tables.find((b) => b.type === 'stco' || b.type === 'co64');
  if (!offsets) return undefined;
  const width = offsets.type === 'co64' ? 8 : 4;
  const count = await tableCount(reader, offsets, width, 8);
  if (typeof count === 'string') return count;
  let lastOffset = -1;
  let lastIndex = 0;
  for (let i = 0; i < count; ) {
    const n = Math.min(count - i, PIECE / width);
    const piece = await reader.bytes(offsets.contentStart + 8 + i * width, n * width);
    if (piece === null) return `${offsets.type} at ${offsets.start} is cut short`;
    for (let j = 0; j < n; j++) {
      const value = width === 8 ? Number(piece.readBigUInt64BE(j * 8)) : piece.readUInt32BE(j * 4);
      if (value > lastOffset) [lastOffset, lastIndex] = [value, i + j + 1];
    }
    i += n;
  }
  if (count === 0) return { chunks: 0, lastOffset: 0, lastSize: 0 };
  const lastSize = await chunkSize(reader, tables, lastIndex);
  return { chunks: count, lastOffset, ...(lastSize === undefined ? {} : { lastSize }) };
}

/** The entry count of a full box table, checked against the box's size and the limit. */
async function tableCount(reader: BoundedReader, box: Box, entrySize: number, headerSize: number): Promise<number | string> {
  const count = await u32(reader, box.contentStart + headerSize - 4);
  const room = Math.floor((box.end - box.contentStart - headerSize) / entrySize);
  if (count < 0 || count > room || count > MAX_TABLE_ENTRIES) return `${box.type} at ${box.start} claims ${count} entries, room for ${Math.max(0, room)}`;
  return count;
}

/** Bytes in chunk `index` (1-based): its samples from stsc, their sizes from stsz; undefined if unsure. */
async function chunkSize(reader: BoundedReader, tables: readonly Box[], index: number): Promise<number | undefined> {
  const stsc = tables.find((b) => b.type === 'stsc');
  const stsz = tables.find((b) => b.type === 'stsz');
  if (!stsc || !stsz) return undefined;
  const runs = await tableCount(reader, stsc, 12, 8);
  if (typeof runs === 'string') return undefined;
  // Each stsc entry (first chunk, samples per chunk) holds until the next entry's first chunk.
  let before = 0;
  let run: { first: number; perChunk: number } | undefined;
  for await (const entry of entries(reader, stsc, runs, 12)) {
    const first = entry.readUInt32BE(0);
    if (run) {
      if (first <= run.first) return undefined;
      if (index < first) break;
      before += (first - run.first) * run.perChunk;
    } else if (first !== 1) return undefined;
    run = { first, perChunk: entry.readUInt32BE(4) };
  }
  if (!run || index < run.first) return undefined;
  return sampleBytes(reader, stsz, before + (index - run.first) * run.perChunk, run.perChunk);
}

/** A table's entries one by one, read in 64 KiB pieces. */
async function* entries(reader: BoundedReader, box: Box, count: number, size: number): AsyncGenerator<Buffer> {
  const per = Math.floor(PIECE / size);
  for (let i = 0; i < count; i += per) {
    const n = Math.min(count - i, per);
    const piece = await reader.bytes(box.contentStart + 8 + i * size, n * size);
    if (piece === null) return;
    for (let j = 0; j < n; j++) yield piece.subarray(j * size, (j + 1) * size);
  }
}

async function sampleBytes(reader: BoundedReader, stsz: Box, firstSample: number, samples: number): Promise<number | undefined> {
  const head = await reader.bytes(stsz.contentStart + 4, 8);
  if (head === null || samples > MAX_TABLE_ENTRIES) return undefined;
  const [fixed, total] = [head.readUInt32BE(0), head.readUInt32BE(4)];
  // A table of sizes that claims more entries than its box holds cannot be read: the size is unknown.
  if (firstSample + samples > total || (fixed === 0 && 12 + total * 4 > stsz.end - stsz.contentStart)) return undefined;
  if (fixed !== 0) return fixed * samples;
  let sum = 0;
  for (let i = 0; i < samples; ) {
    const n = Math.min(samples - i, PIECE / 4);
    const piece = await reader.bytes(stsz.contentStart + 12 + (firstSample + i) * 4, n * 4);
    if (piece === null || stsz.contentStart + 12 + (firstSample + i + n) * 4 > stsz.end) return undefined;
    for (let j = 0; j < n; j++) sum += piece.readUInt32BE(j * 4);
    i += n;
  }
  return sum;
}

async function u32(reader: BoundedReader, pos: number): Promise<number> {
  const b = await reader.bytes(pos, 4);
  return b === null ? -1 : b.readUInt32BE(0);
}
