import { describe, expect, it } from 'vitest';
import { jxlFixture } from '../../testing/jxl-fixtures.js';
import { BitReader, InvalidBits } from './jxl-bits.js';
import { skipIccStream } from './jxl-entropy-streams.js';
import { readImageMetadata, readSizeHeader } from './jxl-headers.js';

/** Bits, least significant first, as the codestream stores them. */
class Bits {
  readonly bits: number[] = [];
  put(value: number, n: number): this {
    for (let i = 0; i < n; i++) this.bits.push(Math.floor(value / 2 ** i) % 2);
    return this;
  }
  copy(from: Buffer, start: number, end: number): this {
    for (let at = start; at < end; at++) this.bits.push((from[at >> 3] >> (at & 7)) & 1);
    return this;
  }
  bytes(): Buffer {
    const out = Buffer.alloc(Math.ceil(this.bits.length / 8) + 8);
    this.bits.forEach((b, i) => (out[i >> 3] |= b << (i & 7)));
    return out;
  }
}

/** The icc fixture's codestream (after FF 0A) with its ICC stream's encoded size replaced by `size` (a U64 of 12 + 8 bits). */
function withIccSize(size: number): { data: Buffer; at: number } {
  const file = jxlFixture('icc').subarray(2);
  const r = new BitReader(file);
  expect(readImageMetadata(r, readSizeHeader(r), true).wantIcc).toBe(true);
  const at = r.bitPos;
  r.u64(); // the encoded size as cjxl wrote it
  const rest = r.bitPos;
  const data = new Bits()
    .copy(file, 0, at)
    .put(3, 2)
    .put(size % 4096, 12)
    .put(1, 1)
    .put(Math.floor(size / 4096), 8)
    .put(0, 1)
    .copy(file, rest, file.length * 8)
    .bytes();
  return { data, at };
}

describe('jxl ICC stream', () => {
  it('steps over the ICC stream cjxl wrote, also when its size is written in more bits', () => {
    const file = jxlFixture('icc').subarray(2);
    const r = new BitReader(file);
    readImageMetadata(r, readSizeHeader(r), true);
    const start = r.bitPos;
    const size = r.u64();
    const { data, at } = withIccSize(size);
    const again = new BitReader(data);
    again.skip(at);
    expect(() => skipIccStream(again)).not.toThrow();
    expect(start).toBe(at);
  });

  it('rejects a stream claiming far more bytes than the profile its first bytes say it decodes to, before decoding them', () => {
    // 1 MB claimed: the profile size and the commands size come first, and a decoder refuses a stream
    // more than 64 KiB larger than its profile, so the stream is refused after those few bytes.
    const { data, at } = withIccSize(1_000_000);
    const r = new BitReader(data);
    r.skip(at);
    expect(() => skipIccStream(r)).toThrow(InvalidBits);
    expect(() => {
      const again = new BitReader(data);
      again.skip(at);
      skipIccStream(again);
    }).toThrow(/for a profile of \d+/);
    // It stopped within the bytes cjxl wrote: none of the megabyte it claims was decoded.
    const stopped = new BitReader(data);
    stopped.skip(at);
    try {
      skipIccStream(stopped);
    } catch {
      // the verdict is checked above
    }
    expect(stopped.bitPos).toBeLessThan(jxlFixture('icc').length * 8);
  });
});
