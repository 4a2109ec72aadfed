import type { ByteSource } from '../source/byte-source.js';
import type { JournalHeader } from './journal-header.js';

const CHUNK = 1024 * 1024;

/**
 * The journal's circular buffer: offsets from the start of the journal, from jhdr_size (just past
 * the header) up to its size, where writing wraps back to jhdr_size (TN1150). Reads through the
 * volume only, a bounded piece at a time.
 */
export class JournalRing {
  /** Bytes in the circular buffer. */
  readonly length: number;

  constructor(
    private readonly volume: ByteSource,
    readonly header: JournalHeader,
  ) {
    this.length = header.size - header.jhdrSize;
  }

  /** The offset `n` bytes after `offset`, wrapping. */
  advance(offset: number, n: number): number {
    const { jhdrSize } = this.header;
    return jhdrSize + ((offset - jhdrSize + n) % this.length);
  }

  /** How far `offset` lies after `from`, going forward around the buffer. */
  distance(from: number, offset: number): number {
    return (offset - from + this.length) % this.length;
  }

  /** `length` bytes (at most the whole buffer) from `offset`, wrapping at the end. */
  async read(offset: number, length: number): Promise<Buffer> {
    if (length > this.length) throw new RangeError(`a ${length}-byte read is longer than the journal's ${this.length}-byte buffer`);
    const parts: Buffer[] = [];
    for (let at = offset, left = length; left > 0; ) {
      const n = Math.min(left, this.header.size - at);
      const part = await this.volume.read(this.header.at + at, n);
      if (part.length < n) throw new RangeError(`the journal at volume byte ${this.header.at + at} lies past the end of the image`);
      parts.push(part);
      left -= n;
      at = this.advance(at, n);
    }
    return parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts, length);
  }

  /** Every sector-aligned offset of the buffer with the `width` bytes there, read a megabyte at a time. */
  async *sectors(width: number, signal?: AbortSignal): AsyncGenerator<{ offset: number; bytes: Buffer; at: number }> {
    const { jhdrSize, size } = this.header;
    for (let from = jhdrSize; from < size; from += CHUNK) {
      signal?.throwIfAborted();
      const n = Math.min(CHUNK, size - from);
      const bytes = await this.read(from, Math.min(n + width, this.length));
      for (let at = 0; at < n; at += jhdrSize) if (at + width <= bytes.length) yield { offset: from + at, bytes, at };
    }
  }
}
