import type { CarveSource } from './byte-source.js';
import { CarveError, throwIfAborted } from './errors.js';

const DEFAULT_WINDOW = 256 * 1024;

/**
 * Reads one candidate's bytes through a source, never past `end` = min(source size, start + maxSize).
 * Keeps one window of bytes in memory; positions are absolute offsets in the source.
 */
export class BoundedReader {
  readonly end: number;
  /** True when `end` is the end of the source (running out means truncated, not "too big"). */
  readonly endIsSourceEnd: boolean;
  private window: Buffer = Buffer.alloc(0);
  private windowStart = 0;

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

  /** Exactly `length` bytes at `pos`, or null when they run past `end`. The result may share memory. */
  async bytes(pos: number, length: number): Promise<Buffer | null> {
    if (pos < 0 || length < 0 || pos + length > this.end) return null;
    await this.ensure(pos, length);
    const rel = pos - this.windowStart;
    return this.window.subarray(rel, rel + length);
  }

  /** The byte at `pos`, or -1 past `end`. */
  async byte(pos: number): Promise<number> {
    const b = await this.bytes(pos, 1);
    return b === null ? -1 : b[0];
  }

  /** Big-endian 16-bit value at `pos`, or -1 past `end`. */
  async u16be(pos: number): Promise<number> {
    const b = await this.bytes(pos, 2);
    return b === null ? -1 : b.readUInt16BE(0);
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
    const want = Math.min(Math.max(length, this.windowSize), this.end - pos);
    // A window that reaches a bad sector past what is needed is read again as just what is needed.
    this.window = await this.source.read(pos, want).catch((error: unknown) => {
      if (want <= length) throw error;
      return this.source.read(pos, Math.min(length, this.end - pos));
    });
    this.windowStart = pos;
    if (this.window.length < length) {
      throw new CarveError(`${this.source.label}: read returned ${this.window.length} of ${length} bytes at ${pos}`);
    }
  }
}
