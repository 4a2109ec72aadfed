import { InvalidReadError } from '../errors.js';
import { type ByteSource, checkRead } from './byte-source.js';

/**
 * A window [offset, offset + length) of a parent source: a partition is only this. Closing a slice
 * does not close its parent (the parent's owner does that).
 */
export function sliceSource(parent: ByteSource, offset: number, length: number, label?: string): ByteSource {
  if (!Number.isSafeInteger(offset) || offset < 0 || !Number.isSafeInteger(length) || length < 0) {
    throw new InvalidReadError(`slice of ${parent.label}: offset ${offset} and length ${length} must be non-negative integers`);
  }
  if (offset + length > parent.size) {
    throw new InvalidReadError(
      `slice of ${parent.label}: [${offset}, ${offset + length}) runs past the end (${parent.size} bytes)`,
    );
  }
  const name = label ?? `${parent.label}[${offset}+${length}]`;
  const parentReadInto = parent.readInto?.bind(parent);
  return {
    label: name,
    size: length,
    ...(parent.file ? { file: { path: parent.file.path, offset: parent.file.offset + offset } } : {}),
    async read(at: number, count: number): Promise<Buffer> {
      const n = checkRead(name, length, at, count);
      return parent.read(offset + at, n);
    },
    ...(parentReadInto
      ? {
          async readInto(target: Buffer, at: number): Promise<number> {
            const n = checkRead(name, length, at, target.length);
            return parentReadInto(target.subarray(0, n), offset + at);
          },
        }
      : {}),
    async close(): Promise<void> {
      // The parent stays open.
    },
  };
}
