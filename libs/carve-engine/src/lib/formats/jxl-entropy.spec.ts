import { describe, expect, it } from 'vitest';
import { BitReader } from './jxl-bits.js';
import { readEntropyCode, SymbolReader } from './jxl-entropy.js';

/** Writes bits least significant first, as JPEG XL reads them. */
class BitWriter {
  private readonly bits: number[] = [];
  put(value: number, count: number): this {
    for (let i = 0; i < count; i++) this.bits.push((value >> i) & 1);
    return this;
  }
  /** A prefix code word, first bit first. */
  code(word: string): this {
    for (const bit of word) this.bits.push(Number(bit));
    return this;
  }
  bytes(): Buffer {
    const out = Buffer.alloc(Math.ceil(this.bits.length / 8) + 8);
    this.bits.forEach((bit, i) => (out[i >> 3] |= bit << (i & 7)));
    return out;
  }
}

describe('JPEG XL entropy decoding', () => {
  it('decodes prefix-coded symbols with an LZ77 copy (length 3, distance 2)', () => {
    const w = new BitWriter()
      .put(1, 1) // LZ77 enabled
      .put(3, 2).put(0, 15) // min_symbol = BitsOffset(15, 8) → 8
      .put(0, 2) // min_length = 3
      .put(8, 4) // length config: split_exponent 8 (= log alphabet size: tokens are values)
      .put(1, 1).put(0, 2) // simple context map, 0 bits per entry: both contexts → cluster 0
      .put(1, 1) // prefix codes
      .put(15, 4) // cluster config: split_exponent 15
      .put(1, 1).put(3, 4).put(1, 3) // alphabet size: VarLenUint16 = 8 + 1, plus 1 → 10
      .put(1, 2).put(3, 2).put(1, 4).put(2, 4).put(8, 4).put(0, 4).put(0, 1) // simple code: symbols 1, 2, 8, 0, all 2 bits
      .code('01').code('10') // literals 1, 2
      .code('11').code('01'); // token 8 (a copy of 3), distance token 1 → distance 2
    const r = new BitReader(w.bytes());
    const reader = new SymbolReader(readEntropyCode(r, 1), r);
    expect(Array.from({ length: 5 }, () => reader.read(0))).toEqual([1, 2, 1, 2, 1]);
    expect(reader.finished()).toBe(true);
  });

  it('refuses LZ77 in the entropy code of a two-entry context map', () => {
    const w = new BitWriter().put(0, 1).put(0, 1).put(0, 1).put(1, 1); // no LZ77, complex map, no MTF, then LZ77 again
    expect(() => readEntropyCode(new BitReader(w.bytes()), 2)).toThrow(/LZ77 in a two-entry context map/);
  });
});
