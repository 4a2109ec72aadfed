import { describe, expect, it } from 'vitest';
import { parseMpfIndex } from './jpeg-mpf.js';

/** A little MP header: one IFD holding MPEntry with the given [size, offset] pairs. */
function mpHeader(entries: [number, number][], le = true): Buffer {
  const b = Buffer.alloc(8 + 2 + 12 + 4 + 16 * entries.length);
  const u16 = (v: number, at: number) => (le ? b.writeUInt16LE(v, at) : b.writeUInt16BE(v, at));
  const u32 = (v: number, at: number) => (le ? b.writeUInt32LE(v, at) : b.writeUInt32BE(v, at));
  b.write(le ? 'II' : 'MM', 0, 'latin1');
  u16(42, 2);
  u32(8, 4);
  u16(1, 8);
  u16(0xb002, 10);
  u16(7, 12);
  u32(16 * entries.length, 14);
  u32(26, 18);
  entries.forEach(([size, offset], i) => {
    u32(size, 26 + 16 * i + 4);
    u32(offset, 26 + 16 * i + 8);
  });
  return b;
}

describe('parseMpfIndex', () => {
  it('lists the images after the first, at absolute offsets, in either byte order', () => {
    for (const le of [true, false]) {
      expect(parseMpfIndex(mpHeader([[5000, 0], [3000, 4990], [2000, 7990]], le), 10)).toEqual({
        images: [
          { offset: 5000, size: 3000 },
          { offset: 8000, size: 2000 },
        ],
      });
    }
  });

  it('reports what is wrong instead of throwing', () => {
    const cases: [Buffer, RegExp][] = [
      [Buffer.alloc(4), /shorter/],
      [Buffer.from('XX*\0\x08\0\0\0', 'latin1'), /byte-order/],
      [(() => { const b = mpHeader([[1, 0]]); b.writeUInt16LE(43, 2); return b; })(), /magic/],
      [(() => { const b = mpHeader([[1, 0]]); b.writeUInt32LE(0xfffffff0, 4); return b; })(), /outside/],
      [(() => { const b = mpHeader([[1, 0]]); b.writeUInt16LE(0xffff, 8); return b; })(), /entry count/],
      [(() => { const b = mpHeader([[1, 0]]); b.writeUInt32LE(0xfffffff0, 18); return b; })(), /outside the segment/],
      [(() => { const b = mpHeader([[1, 0]]); b.writeUInt32LE(16 * 1000, 14); return b; })(), /more than 64/],
      [(() => { const b = mpHeader([[1, 0]]); b.writeUInt16LE(0xb001, 10); return b; })(), /no MPEntry/],
    ];
    for (const [header, error] of cases) {
      const result = parseMpfIndex(header, 0);
      expect('error' in result && result.error).toMatch(error);
    }
  });
});
