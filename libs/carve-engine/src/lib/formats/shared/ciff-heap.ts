import type { BoundedReader } from '../../bounded-reader.js';
import { throwIfAborted } from '../../errors.js';
import type { EmbeddedJpeg } from './embedded-jpeg.js';
import type { Extent } from './extent.js';

/**
 * Canon's CIFF heaps (CRW files, CIFF spec 1.0 rev 4 §4.1): a heap is its records' data, then the record
 * table (a 2-byte count and 10-byte records: type, size, offset from the heap's start), then 4 bytes
 * giving the table's offset: the last 4 bytes of the heap. Type bits 0x4000 keep the value in the
 * record itself; (type >> 8) & 0x38 of 0x28 or 0x30 marks a sub-heap.
 */
export const MAX_CIFF_RECORDS = 512;
const MAX_DEPTH = 4;
/** Self-consistent look-alikes checked before giving up: real files hold none, a hostile one many. */
const MAX_CANDIDATES = 10_000;
const MAX_TOTAL_RECORDS = 4096;
const IN_RECORD = 0x4000;
const JPG_FROM_RAW = 0x2007;
const THUMBNAIL = 0x2008;
const IMAGE_INFO = 0x1810;
const RAW_DATA = 0x2005;

export interface CiffRecord {
  readonly id: number;
  readonly subHeap: boolean;
  /** Absolute position and size of the record's data (undefined when it sits in the record). */
  readonly pos?: number;
  readonly size: number;
}

export interface CiffFacts {
  readonly jpegs: EmbeddedJpeg[];
  dimensions?: { width: number; height: number };
}

const u16 = (b: Buffer, at: number, le: boolean): number => (le ? b.readUInt16LE(at) : b.readUInt16BE(at));
const u32 = (b: Buffer, at: number, le: boolean): number => (le ? b.readUInt32LE(at) : b.readUInt32BE(at));

/** The records of the heap [start, start + length), or a reason why its table is no table. */
export async function heapRecords(reader: BoundedReader, start: number, length: number, le: boolean): Promise<CiffRecord[] | string> {
  if (length < 12) return `a heap of ${length} bytes has no room for a table`;
  const pointer = await reader.bytes(start + length - 4, 4);
  if (!pointer) return 'the heap runs past the readable bytes';
  const tableOffset = u32(pointer, 0, le);
  if (tableOffset > length - 6) return `the table offset ${tableOffset} lies outside the ${length}-byte heap`;
  const countBytes = await reader.bytes(start + tableOffset, 2);
  const count = countBytes ? u16(countBytes, 0, le) : 0;
  if (count === 0 || count > MAX_CIFF_RECORDS || tableOffset + 2 + count * 10 > length - 4) return `the table at ${tableOffset} claims ${count} records`;
  const table = await reader.bytes(start + tableOffset + 2, count * 10);
  if (!table) return 'the table runs past the readable bytes';
  const records: CiffRecord[] = [];
  for (let i = 0; i < count; i++) {
    const type = u16(table, i * 10, le);
    const size = u32(table, i * 10 + 2, le);
    const offset = u32(table, i * 10 + 6, le);
    const id = type & 0x3fff;
    if (type & IN_RECORD) {
      records.push({ id, subHeap: false, size: 8 });
      continue;
    }
    if (offset + size > tableOffset) return `record 0x${id.toString(16)} (${offset}+${size}) runs into the table at ${tableOffset}`;
    const kind = (type >> 8) & 0x38;
    records.push({ id, subHeap: kind === 0x28 || kind === 0x30, pos: start + offset, size });
  }
  return records;
}

/** Reads a heap and its sub-heaps: JPEGs (JpgFromRaw, thumbnail), the image size (ImageInfo), the raw data as payload. */
export async function walkHeap(reader: BoundedReader, extent: Extent, start: number, length: number, le: boolean, facts: CiffFacts, depth = 0, budget = { records: MAX_TOTAL_RECORDS }): Promise<void> {
  const records = await heapRecords(reader, start, length, le);
  if (typeof records === 'string') {
    extent.problem(`heap at ${start - extent.start}: ${records}`, depth > 0);
    return;
  }
  budget.records -= records.length;
  if (budget.records < 0) return extent.problem(`more than ${MAX_TOTAL_RECORDS} CIFF records`);
  for (const record of records) {
    if (record.pos === undefined) continue;
    if (record.subHeap) {
      if (depth >= MAX_DEPTH) extent.problem(`CIFF heaps nested deeper than ${MAX_DEPTH}`, true);
      else await walkHeap(reader, extent, record.pos, record.size, le, facts, depth + 1, budget);
    } else if ((record.id === JPG_FROM_RAW || record.id === THUMBNAIL) && record.size > 0) {
      facts.jpegs.push({ pos: record.pos, length: record.size });
    } else if (record.id === RAW_DATA) {
      // Sensor data the walk cannot verify: a complete file starting inside it cuts the CRW there.
      extent.payload(record.pos, record.size);
    } else if (record.id === IMAGE_INFO && record.size >= 8) {
      const info = await reader.bytes(record.pos, 8);
      const [width, height] = info ? [u32(info, 0, le), u32(info, 4, le)] : [0, 0];
      if (width > 0 && height > 0 && width < 1e6 && height < 1e6) facts.dimensions = { width, height };
    }
  }
}

/**
 * Finds where the root heap ends. Nothing before the end says where it is: the root heap runs to the
 * end of the file and its table's offset sits in the file's last 4 bytes. So the bytes are scanned for
 * the one place that agrees with itself: 4 bytes holding T, such that the table at heapStart + T has
 * exactly as many records as fit between it and those 4 bytes, each record's data lying before the table.
 * Returns the end (just after those 4 bytes), or undefined when no such place lies within the readable bytes.
 */
export async function findRootHeapEnd(reader: BoundedReader, heapStart: number, le: boolean, signal?: AbortSignal): Promise<number | undefined> {
  const chunk = 1024 * 1024;
  let candidates = 0;
  const back = 2 + 10 * MAX_CIFF_RECORDS;
  for (let from = heapStart + 12; from + 4 <= reader.end; from += chunk) {
    throwIfAborted(signal);
    const winStart = Math.max(heapStart, from - back);
    const winEnd = Math.min(reader.end, from + chunk + 4);
    const buf = await reader.bytes(winStart, winEnd - winStart);
    if (!buf) return undefined;
    // p is where the 4-byte pointer would sit: the file would end at p + 4.
    const stop = Math.min(from + chunk, winEnd - 3);
    for (let p = from; p < stop; p++) {
      const tablePos = heapStart + u32(buf, p - winStart, le);
      const gap = p - tablePos - 2;
      if (gap < 10 || gap % 10 !== 0 || gap > 10 * MAX_CIFF_RECORDS) continue;
      if (u16(buf, tablePos - winStart, le) * 10 !== gap) continue;
      if (++candidates > MAX_CANDIDATES) return undefined;
      const records = await heapRecords(reader, heapStart, p + 4 - heapStart, le);
      if (typeof records !== 'string') return p + 4;
    }
  }
  return undefined;
}
