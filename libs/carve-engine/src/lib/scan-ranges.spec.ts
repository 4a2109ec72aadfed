import { describe, expect, it } from 'vitest';
import { CarveError } from './errors.js';
import { normalizeRanges } from './scan-ranges.js';

describe('normalizeRanges', () => {
  it('defaults to the whole source', () => {
    expect(normalizeRanges(undefined, 100)).toEqual([{ offset: 0, length: 100 }]);
    expect(normalizeRanges(undefined, 0)).toEqual([]);
  });

  it('clips, sorts and merges', () => {
    expect(
      normalizeRanges(
        [
          { offset: 50, length: 10 },
          { offset: 0, length: 10 },
          { offset: 55, length: 20 },
          { offset: 10, length: 5 },
          { offset: 90, length: 50 },
          { offset: 200, length: 5 },
          { offset: 30, length: 0 },
        ],
        100,
      ),
    ).toEqual([
      { offset: 0, length: 15 },
      { offset: 50, length: 25 },
      { offset: 90, length: 10 },
    ]);
  });

  it('refuses negative or fractional ranges', () => {
    expect(() => normalizeRanges([{ offset: -1, length: 1 }], 10)).toThrow(CarveError);
    expect(() => normalizeRanges([{ offset: 1.5, length: 1 }], 10)).toThrow(CarveError);
  });
});
