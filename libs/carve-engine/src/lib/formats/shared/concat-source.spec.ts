import { describe, expect, it } from 'vitest';
import { bufferSource } from '../../../testing/buffer-source.js';
import { ConcatSource } from './concat-source.js';

describe('ConcatSource', () => {
  const data = Buffer.from('0123456789abcdefghij', 'latin1');
  const joined = new ConcatSource(bufferSource(data), [
    { offset: 2, length: 3 },
    { offset: 10, length: 0 },
    { offset: 15, length: 4 },
    { offset: 0, length: 2 },
  ]);

  it('reads its runs as one stream, across run edges and past its end', async () => {
    expect(joined.size).toBe(9);
    expect((await joined.read(0, 9)).toString('latin1')).toBe('234fghi01');
    expect((await joined.read(2, 3)).toString('latin1')).toBe('4fg');
    expect((await joined.read(6, 100)).toString('latin1')).toBe('i01');
    expect((await joined.read(9, 5)).length).toBe(0);
  });

  it('maps its positions back into the underlying source', () => {
    expect([0, 2, 3, 6, 7, 9].map((p) => joined.fileOffset(p))).toEqual([2, 4, 15, 18, 0, 2]);
  });
});
