import type { CarveSource } from '../lib/byte-source.js';

/** A CarveSource over a Buffer that records how it is read (to check reads stay bounded). */
export interface BufferSource extends CarveSource {
  readonly stats: { reads: number; largestRead: number; bytesRead: number };
}

export function bufferSource(data: Buffer, label = 'test-buffer'): BufferSource {
  const stats = { reads: 0, largestRead: 0, bytesRead: 0 };
  return {
    label,
    size: data.length,
    stats,
    async read(offset, length) {
      if (!Number.isInteger(offset) || offset < 0 || !Number.isInteger(length) || length < 0) throw new RangeError(`bad read ${offset}+${length}`);
      const end = Math.min(data.length, offset + length);
      const slice = offset >= end ? Buffer.alloc(0) : Buffer.from(data.subarray(offset, end));
      stats.reads++;
      stats.bytesRead += slice.length;
      stats.largestRead = Math.max(stats.largestRead, slice.length);
      return slice;
    },
    async close() {
      // nothing to release
    },
  };
}
