import type { CarveSource } from './byte-source.js';
import { inMemoryFrom } from './chunk-reader.js';
import { CarveError, throwIfAborted } from './errors.js';

const DEFAULT_WINDOW = 256 * 1024;

/**
 * Window buffers lent to streaming readers (see `BoundedReader.streaming`) on this thread. A walk
 * through a multi-megabyte file otherwise allocates a fresh window per 256 KiB: garbage the heap frees
 * late, which shows as tens of MB of RSS.
 */
const lent: Buffer[] = [];
const EMPTY = Buffer.alloc(0);
const MAX_LENT = 4;

/**
 * Reads one candidate's bytes through a source, never past `end` = min(source size, start + maxSize).
 * Keeps one window of bytes in memory; positions are absolute offsets in the source.
 */
export class BoundedReader {
  readonly end: number;
  /** True when `end` is the end of the source (running out means truncated, not "too big"). */
  readonly endIsSourceEnd: boolean;
  private window: Buffer = EMPTY;
  private windowStart = 0;
  /** Streaming: every window read from the source is read into this one buffer (borrowed on the first such read). */
  private stream = false;
  private own: Buffer | undefined;

  constructor(
    private readonly source: CarveSource,
    start: number,
    maxSize: number,
    private readonly signal?: AbortSignal,
    private readonly windowSize = DEFAULT_WINDOW,
  ) {
    const limit = start + Math.max(0, maxSize);
    this.end = Math.min(source.size, limit);
    this.endIsSourceEnd = source.size <= limit;
  }

  /**
   * Reads every window the scan does not hold in memory into one buffer borrowed from this thread's pool
   * (one it holds is a view, as for any reader), for a walker that never keeps bytes it got from this
   * reader past its next read (a structure walk that parses as it goes); it must call `release()` when
   * done, after which the reader is not used again.
   */
  streaming(): this {
    this.stream = this.source.readInto !== undefined;
    return this;
  }

  /** Gives a streaming reader's buffer back to the pool. */
  release(): void {
    if (this.own && lent.length < MAX_LENT) lent.push(this.own);
    this.own = undefined;
    this.window = EMPTY;
    this.windowStart = 0;
  }

  /** Exactly `length` bytes at `pos`, or null when they run past `end`. The result may share memory. */
  async bytes(pos: number, length: number): Promise<Buffer | null> {
    if (pos < 0 || length < 0 || pos + length > this.end) return null;
    await this.ensure(pos, length);
    const rel = pos - this.windowStart;
    return this.window.subarray(rel, rel + length);
  }

  /** The byte at `pos`, or -1 past `end`. */
  async byte(pos: number): Promise<number> {
    // Walks read byte by byte: inside the window no view is made.
    const rel = pos - this.windowStart;
    if (rel >= 0 && rel < this.window.length) return this.window[rel];
    const b = await this.bytes(pos, 1);
    return b === null ? -1 : b[0];
  }

  /** Big-endian 16-bit value at `pos`, or -1 past `end`. */
  async u16be(pos: number): Promise<number> {
    const rel = pos - this.windowStart;
    if (rel >= 0 && rel + 2 <= this.window.length) return this.window.readUInt16BE(rel);
    const b = await this.bytes(pos, 2);
    return b === null ? -1 : b.readUInt16BE(0);
  }

  /**
   * The bytes in memory from `pos` on, at least one (`data` from absolute offset `start`, never past
   * `end`), for a walker that scans them without a call per byte; null at `end`. The view is valid
   * until the reader's next read.
   */
  async around(pos: number): Promise<{ readonly data: Buffer; readonly start: number } | null> {
    if (pos < 0 || pos >= this.end) return null;
    await this.ensure(pos, 1);
    return { data: this.window, start: this.windowStart };
  }

  /** First position in [from, min(to, end)) holding `value`, or -1. Jumps with Buffer.indexOf. */
  async indexOf(value: number, from: number, to = this.end): Promise<number> {
    const stop = Math.min(to, this.end);
    let pos = from;
    while (pos < stop) {
      await this.ensure(pos, 1);
      const hit = this.window.indexOf(value, pos - this.windowStart);
      const found = hit === -1 ? -1 : this.windowStart + hit;
      if (found !== -1) return found < stop ? found : -1;
      pos = this.windowStart + this.window.length;
    }
    return -1;
  }

  /**
   * First position in [from, min(end, from + max)) not holding `value`; that bound itself when every byte
   * up to it holds `value` (so `max` caps the work, whatever the input).
   */
  async skipWhile(value: number, from: number, max: number): Promise<number> {
    let pos = from;
    const stop = Math.min(this.end, from + max);
    while (pos < stop) {
      await this.ensure(pos, 1);
      const relStop = Math.min(this.window.length, stop - this.windowStart);
      let i = pos - this.windowStart;
      while (i < relStop && this.window[i] === value) i++;
      if (i < relStop) return this.windowStart + i;
      pos = this.windowStart + relStop;
    }
    return stop;
  }

  private async ensure(pos: number, length: number): Promise<void> {
    if (pos >= this.windowStart && pos + length <= this.windowStart + this.window.length) return;
    throwIfAborted(this.signal);
    let want = Math.min(Math.max(length, this.windowSize), this.end - pos);
    // What the scan holds in memory from here is read as a view of it, not copied (a streaming reader's
    // walk included); a read that starts there but runs past it copies only what it needs (what follows
    // is probably the next chunk, in memory too), or a whole window into a streaming reader's buffer.
    const held = inMemoryFrom(this.source, pos);
    const view = held >= length;
    if (view) want = Math.min(want, held);
    else if (held > 0 && !this.stream) want = Math.min(length, this.end - pos);
    const read = this.stream && !view && want <= this.windowSize ? (n: number) => this.readOwn(pos, n) : (n: number) => this.source.read(pos, n);
    // A window that reaches a bad sector past what is needed is read again as just what is needed.
    this.window = await read(want).catch((error: unknown) => {
      if (want <= length) throw error;
      return read(Math.min(length, this.end - pos));
    });
    this.windowStart = pos;
    if (this.window.length < length) {
      throw new CarveError(`${this.source.label}: read returned ${this.window.length} of ${length} bytes at ${pos}`);
    }
  }

  private borrow(): Buffer {
    const at = lent.findIndex((b) => b.length === this.windowSize);
    return at === -1 ? Buffer.allocUnsafe(this.windowSize) : lent.splice(at, 1)[0];
  }

  private async readOwn(pos: number, length: number): Promise<Buffer> {
    const own = (this.own ??= this.borrow());
    // The window about to be overwritten is dropped first: no view of it stays in this reader.
    this.window = EMPTY;
    const n = await (this.source.readInto as NonNullable<CarveSource['readInto']>)(own.subarray(0, length), pos);
    return own.subarray(0, n);
  }
}
