import { FsParserError } from '../errors.js';
import { type ByteSource, checkRead } from './byte-source.js';

/** A ByteSource over bytes already in memory: for tests and small things (a boot sector, a header). */
export function bufferSource(buffer: Buffer | Uint8Array, label = 'buffer'): ByteSource {
  const bytes = Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  let closed = false;
  return {
    label,
    size: bytes.length,
    async read(offset: number, length: number): Promise<Buffer> {
      if (closed) throw new FsParserError(`${label}: read after close`);
      const n = checkRead(label, bytes.length, offset, length);
      // A copy, as a file read would give: callers may patch what they get back.
      return Buffer.from(bytes.subarray(offset, offset + n));
    },
    async close(): Promise<void> {
      closed = true;
    },
  };
}
