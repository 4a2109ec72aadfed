import { InvalidReadError, TruncatedError } from '../errors.js';

/**
 * The one way every parser reads. `read` returns exactly min(length, size - offset) bytes (short only
 * at the end) and throws InvalidReadError for a negative or fractional offset or length, or an
 * offset past the end.
 */
export interface ByteSource {
  readonly label: string;
  readonly size: number;
  /**
   * The file or device this source is a plain window of, and where the source's byte 0 lies in it, so
   * another thread can open the same bytes itself (read-only). Absent when the bytes are not simply a
   * window of one file (a buffer, a fragmented file's runs); a wrapper that changes what `read`
   * returns must not copy it (nor `readInto`).
   */
  readonly file?: { readonly path: string; readonly offset: number };
  read(offset: number, length: number): Promise<Buffer>;
  /**
   * Optional: reads min(target.length, size - offset) bytes at `offset` into `target` and returns how
   * many, as `read` would return them, so a scanner can reuse its buffers instead of allocating one per read.
   */
  readInto?(target: Buffer, offset: number): Promise<number>;
  close(): Promise<void>;
}

/** The largest single read any source serves; parsers read structures, not devices. */
export const MAX_READ_BYTES = 256 * 1024 * 1024;

/** Validates read arguments and returns how many bytes the read yields. */
export function checkRead(label: string, size: number, offset: number, length: number): number {
  if (!Number.isSafeInteger(offset) || offset < 0) {
    throw new InvalidReadError(`${label}: offset ${String(offset)} is not a non-negative integer`);
  }
  if (!Number.isSafeInteger(length) || length < 0) {
    throw new InvalidReadError(`${label}: length ${String(length)} is not a non-negative integer`);
  }
  if (offset > size) {
    throw new InvalidReadError(`${label}: offset ${offset} is past the end (size ${size})`);
  }
  if (length > MAX_READ_BYTES) {
    throw new InvalidReadError(`${label}: a read of ${length} bytes exceeds the ${MAX_READ_BYTES}-byte limit`);
  }
  return Math.min(length, size - offset);
}

/**
 * Reads exactly `length` bytes or throws TruncatedError naming `what` (the structure being read).
 * An offset past the end is also "truncated" here: the structure should have been there.
 */
export async function readExact(source: ByteSource, offset: number, length: number, what: string): Promise<Buffer> {
  if (Number.isSafeInteger(offset) && offset > source.size) {
    throw new TruncatedError(`${what} at byte ${offset} lies past the end of ${source.label} (${source.size} bytes)`);
  }
  const bytes = await source.read(offset, length);
  if (bytes.length < length) {
    throw new TruncatedError(
      `${what} needs ${length} bytes at ${offset} but ${source.label} ends after ${bytes.length} (${source.size} bytes)`,
    );
  }
  return bytes;
}
