import { describe, expect, it } from 'vitest';
import { bufferSource } from '../../../testing/buffer-source.js';
import { BoundedReader } from '../../bounded-reader.js';
import { Extent } from './extent.js';

const MiB = 1024 * 1024;
const extentOver = (sourceSize: number, start = 100, maxSize = sourceSize - start, formatMax = 64 * MiB): Extent =>
  new Extent(new BoundedReader(bufferSource(Buffer.alloc(sourceSize)), start, maxSize), start, formatMax);

describe('Extent', () => {
  it('ends at the furthest part, whatever order the parts come in', () => {
    const extent = extentOver(10_000);
    extent.claim(100, 8, 'header');
    extent.claim(5000, 100, 'strip');
    extent.claim(108, 50, 'IFD');
    expect(extent.match()).toEqual({ length: 5000, validation: { state: 'complete', reasons: [] } });
  });

  it('is truncated when a part runs past the source, keeping every byte there is', () => {
    const extent = extentOver(1000);
    extent.claim(100, 8, 'header');
    extent.claim(108, 2000, 'strip');
    expect(extent.match()).toMatchObject({ length: 900, validation: { state: 'truncated' } });
  });

  it('is corrupt, leaving the part out, past the size limit or beyond an implausible hole', () => {
    const limited = extentOver(100_000, 100, 1000);
    limited.claim(100, 8, 'header');
    expect(limited.claim(200, 5000, 'strip')).toBe(false);
    expect(limited.match()).toMatchObject({ length: 8, validation: { state: 'corrupt' } });
    const holed = extentOver(1000);
    holed.claim(100, 500, 'header');
    holed.claim(100 + 30 * MiB, 10, 'strip');
    expect(holed.match()).toMatchObject({ length: 500, validation: { state: 'corrupt', reasons: [expect.stringMatching(/bad offset/)] } });
  });

  it('keeps soft problems as reasons only, and a few reasons at most', () => {
    const extent = extentOver(1000);
    extent.claim(100, 8, 'header');
    for (let i = 0; i < 20; i++) extent.problem(`odd ${i}`, true);
    const m = extent.match();
    expect(m.validation.state).toBe('complete');
    expect(m.validation.reasons).toHaveLength(9);
    expect(m.validation.reasons[8]).toBe('and 12 more problems');
  });
});
