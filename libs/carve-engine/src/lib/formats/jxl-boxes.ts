import type { BoundedReader } from '../bounded-reader.js';
import type { ByteRun } from '../types.js';

/**
 * Boxes that may follow a whole codestream (ISO/IEC 18181-2: frame index, JPEG reconstruction data,
 * metadata, Brotli-compressed metadata, padding). Anything else there is past the file's end.
 */
export const TRAILING_BOX_TYPES = new Set(['jxli', 'jbrd', 'Exif', 'xml ', 'jumb', 'brob', 'free', 'skip']);
/** Real files have a handful of boxes (a few dozen jxlp parts at most); this stops hostile input. */
export const MAX_JXL_BOXES = 65_536;

export interface Box {
  readonly type: string;
  readonly start: number;
  /** Where the payload starts (after an 8- or 16-byte header). */
  readonly data: number;
  /** Where the box ends; undefined for a box that runs to the end of the file (size 0). */
  readonly end?: number;
}

/** The box header at `pos`; null when the readable bytes end first, a problem when it is no box. */
export async function readBox(reader: BoundedReader, pos: number, origin: number): Promise<Box | string | null> {
  const at = pos - origin;
  const head = await reader.bytes(pos, 8);
  if (head === null) return null;
  if (!head.subarray(4, 8).every((b) => b >= 0x20 && b <= 0x7e)) return `no box type at offset ${at} (bytes ${head.subarray(4, 8).toString('hex')})`;
  const type = head.toString('latin1', 4, 8);
  const size = head.readUInt32BE(0);
  if (size === 0) return { type, start: pos, data: pos + 8 };
  if (size !== 1) return size < 8 ? `${type} box at offset ${at} has size ${size}` : { type, start: pos, data: pos + 8, end: pos + size };
  const large = await reader.bytes(pos + 8, 8);
  if (large === null) return null;
  const size64 = Number(large.readBigUInt64BE(0));
  if (!Number.isSafeInteger(size64) || size64 < 16) return `${type} box at offset ${at} has size ${large.readBigUInt64BE(0)}`;
  return { type, start: pos, data: pos + 16, end: pos + size64 };
}

/** The codestream parts collected from jxlc or jxlp boxes, in order. */
export interface CodestreamParts {
  readonly runs: ByteRun[];
  /** A jxll box declares level 10; without one the codestream must meet level 5. */
  level5: boolean;
  /** A jxlc box, or the jxlp box flagged last, has been seen. */
  complete: boolean;
  nextIndex: number;
}

/**
 * Adds a jxlc or jxlp box's payload to the codestream (jxlp: a 4-byte counter first, its top bit marking
 * the last part, counting up from 0). A problem when the boxes do not fit together.
 */
export async function addCodestreamBox(reader: BoundedReader, box: Box, end: number, parts: CodestreamParts, origin: number): Promise<string | undefined> {
  const at = box.start - origin;
  if (parts.complete) return `a ${box.type} box at offset ${at} after the whole codestream`;
  if (box.type === 'jxlc') {
    if (parts.runs.length > 0) return `a jxlc box at offset ${at} after jxlp boxes`;
    parts.runs.push({ offset: box.data, length: end - box.data });
    parts.complete = true;
    return undefined;
  }
  const counter = await reader.bytes(box.data, 4);
  if (counter === null || end - box.data < 4) return `a jxlp box at offset ${at} without its counter`;
  const index = counter.readUInt32BE(0) & 0x7fffffff;
  if (index !== parts.nextIndex) return `jxlp box ${index} at offset ${at} where ${parts.nextIndex} belongs`;
  parts.runs.push({ offset: box.data + 4, length: end - box.data - 4 });
  parts.nextIndex++;
  parts.complete = (counter[0] & 0x80) !== 0;
  return undefined;
}
