import { describe, expect, it } from 'vitest';
import { bufferSource } from '../../testing/buffer-source.js';
import { randomBytes } from '../../testing/random.js';
import { BoundedReader } from '../bounded-reader.js';
import { skipEntropyData, type EntropyEnd } from './jpeg-entropy.js';

/** The rule, byte by byte: the first 0xFF before `bound` not followed by 0x00 or RST0–7. */
function reference(data: Buffer, from: number, maxLength: number): EntropyEnd {
  const bound = from + maxLength;
  for (let i = from; i < Math.min(bound, data.length); i++) {
    if (data[i] !== 0xff) continue;
    if (i + 1 >= data.length) return { kind: 'out-of-data' };
    const next = data[i + 1];
    if (next === 0x00 || (next >= 0xd0 && next <= 0xd7)) i++;
    else return { kind: 'marker', at: i };
  }
  return bound < data.length ? { kind: 'too-long', at: bound } : { kind: 'out-of-data' };
}

describe('jpeg entropy-coded data', () => {
  it('finds the same marker whatever the reader window, 0xFF at a window edge included', async () => {
    const data = randomBytes(3000, 5);
    for (let i = 0; i < data.length; i++) if (data[i] === 0xff) data[i + 1] = i % 3 === 0 ? 0x00 : 0xd3; // stuffing and RSTs only
    data.writeUInt16BE(0xffd9, 2500);
    for (const window of [1, 2, 3, 7, 16, 255, 4096]) {
      for (const [from, max] of [[0, 10_000], [100, 2000], [7, 2400], [2000, 500], [2499, 10]]) {
        const reader = new BoundedReader(bufferSource(data), 0, data.length, undefined, window);
        expect(await skipEntropyData(reader, from, max)).toEqual(reference(data, from, max));
      }
    }
  });

  it('runs out of data at the end, also with a last 0xFF whose next byte is missing', async () => {
    const data = Buffer.from([1, 2, 0xff, 0x00, 3, 0xff]);
    expect(await skipEntropyData(new BoundedReader(bufferSource(data), 0, data.length, undefined, 4), 0, 100)).toEqual({ kind: 'out-of-data' });
  });
});
