import { crc32 } from 'node:zlib';
import type { BoundedReader } from '../../bounded-reader.js';

const PIECE = 256 * 1024;

/** CRC-32 (ISO 3309, as PNG uses it) of `length` bytes at `pos`, read in pieces; null past the reader's end. */
export async function crc32Of(reader: BoundedReader, pos: number, length: number): Promise<number | null> {
  let crc = 0;
  for (let done = 0; done < length; ) {
    const n = Math.min(PIECE, length - done);
    const piece = await reader.bytes(pos + done, n);
    if (piece === null) return null;
    crc = crc32(piece, crc);
    done += n;
  }
  return crc >>> 0;
}
