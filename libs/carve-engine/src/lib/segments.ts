import type { ByteRun } from './types.js';

/** A stretch of the ranges one worker scans: candidates starting in `ranges` are its own. */
export interface Segment {
  readonly ranges: readonly ByteRun[];
  /** Bytes of its ranges. */
  readonly bytes: number;
  /** The end of its last range. */
  readonly end: number;
}

/**
 * Cuts sorted ranges into consecutive segments of about `size` bytes of ranges each (many small
 * ranges share a segment; a large range is cut). Every offset of the ranges is in exactly one segment.
 */
export function splitSegments(ranges: readonly ByteRun[], size: number): Segment[] {
  const segments: Segment[] = [];
  let current: ByteRun[] = [];
  let bytes = 0;
  const close = (): void => {
    const last = current.at(-1);
    if (last) segments.push({ ranges: current, bytes, end: last.offset + last.length });
    current = [];
    bytes = 0;
  };
  for (const range of ranges) {
    for (let at = range.offset, left = range.length; left > 0; ) {
      const take = Math.min(left, size - bytes);
      current.push({ offset: at, length: take });
      bytes += take;
      at += take;
      left -= take;
      if (bytes >= size) close();
    }
  }
  close();
  return segments;
}
