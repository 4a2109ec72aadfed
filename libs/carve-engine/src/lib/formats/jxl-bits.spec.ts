import { describe, expect, it } from 'vitest';
import { randomBytes } from '../../testing/random.js';
import { BitReader, InvalidBits, OutOfBits } from './jxl-bits.js';

/** The codestream's bit order, one bit at a time: least significant bit of each byte first. */
function bitByBit(data: Buffer, at: number, n: number): number {
  let value = 0;
  for (let i = 0; i < n; i++) value += ((data[(at + i) >> 3] >> ((at + i) & 7)) & 1) * 2 ** i;
  return value;
}

describe('JPEG XL bit reader', () => {
  it('reads fields of 0 to 40 bits at every bit position as the bits come, least significant first', () => {
    const data = randomBytes(64, 3);
    for (let n = 0; n <= 40; n++) {
      for (let at = 0; at + n <= data.length * 8; at += 1 + (n % 5)) {
        const r = new BitReader(data);
        r.skip(at);
        expect(r.read(n)).toBe(bitByBit(data, at, n));
        expect(r.bitPos).toBe(at + n);
      }
    }
  });

  it('reads up to the last bit, and says the bits ran out past it without moving', () => {
    const data = Buffer.from([0b1010_1100, 0xff]);
    const r = new BitReader(data);
    expect(r.read(3)).toBe(0b100);
    expect(r.read(13)).toBe(0b1_1111_1111_0101);
    expect(() => r.read(1)).toThrow(OutOfBits);
    expect(r.bitPos).toBe(16);
  });

  it('throws its verdicts as typed errors with their reason', () => {
    const r = new BitReader(Buffer.from([0xff, 0xff, 0xff]));
    expect(() => r.f16()).toThrow(InvalidBits);
    expect(() => new BitReader(Buffer.from([0x01])).padToByte()).not.toThrow();
    const padding = new BitReader(Buffer.from([0x02]));
    padding.read(1);
    expect(() => padding.padToByte()).toThrow(/non-zero padding bits/);
  });
});
