import type { BoundedReader } from '../bounded-reader.js';

/** Commands are checked over windows of this many bytes, not one read each. */
const STEP = 64 * 1024;

export type RleCheck = { kind: 'ok' } | { kind: 'out-of-data' } | { kind: 'invalid'; at: number; reason: string };

/** Bytes of whole commands a window held, and how the stream ended if it did (true: end-of-bitmap). */
interface WindowStep {
  readonly used: number;
  readonly done?: true | string;
}

interface Cursor {
  x: number;
  y: number;
}

/**
 * Follows a BI_RLE8 / BI_RLE4 pixel stream (BITMAPINFOHEADER documentation, "Bitmap Compression") from
 * `from` to its end-of-bitmap command (00 01), within `size` bytes: runs may not pass the row's end,
 * rows may not pass the bitmap's height, and the stream must end in time.
 */
export async function checkRle(reader: BoundedReader, from: number, size: number, width: number, height: number, fourBit: boolean): Promise<RleCheck> {
  const end = from + size;
  const cursor: Cursor = { x: 0, y: 0 };
  for (let pos = from; ; ) {
    const available = Math.min(STEP, end - pos, reader.end - pos);
    const window = available > 0 ? await reader.bytes(pos, available) : null;
    const step: WindowStep = window === null ? { used: 0 } : walkWindow(window, cursor, width, height, fourBit);
    if (step.done === true) return { kind: 'ok' };
    if (step.done !== undefined) return { kind: 'invalid', at: pos + step.used, reason: step.done };
    pos += step.used;
    if (step.used === 0 || pos >= end) {
      // No whole command left in the readable bytes.
      if (end > reader.end) return { kind: 'out-of-data' };
      return { kind: 'invalid', at: pos, reason: `no end-of-bitmap within the ${size}-byte pixel data` };
    }
  }
}

/** Checks the whole commands in `window`: how many bytes they used, or how the stream ended. */
function walkWindow(window: Buffer, c: Cursor, width: number, height: number, fourBit: boolean): WindowStep {
  let i = 0;
  while (i + 2 <= window.length) {
    const count = window[i];
    const value = window[i + 1];
    let length = 2;
    if (count > 0) {
      if (c.y >= height || c.x + count > width) return { used: i, done: `a run of ${count} pixels at row ${c.y}, column ${c.x} passes the bitmap's edge` };
      c.x += count;
    } else if (value === 0) {
      if (++c.y > height) return { used: i, done: `an end-of-line after the last of ${height} rows` };
      c.x = 0;
    } else if (value === 1) {
      return { used: i + 2, done: true };
    } else if (value === 2) {
      if (i + 4 > window.length) break;
      c.x += window[i + 2];
      c.y += window[i + 3];
      if (c.x > width || c.y > height) return { used: i, done: `a delta moves to row ${c.y}, column ${c.x}, outside the bitmap` };
      length = 4;
    } else {
      if (c.y >= height || c.x + value > width) return { used: i, done: `an absolute run of ${value} pixels at row ${c.y}, column ${c.x} passes the bitmap's edge` };
      const bytes = fourBit ? Math.ceil(value / 2) : value;
      length = 2 + bytes + (bytes & 1);
      if (i + length > window.length) break;
      c.x += value;
    }
    i += length;
  }
  return { used: i };
}
