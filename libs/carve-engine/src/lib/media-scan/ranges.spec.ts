import { describe, expect, it } from 'vitest';
import { runIndex, subtractRanges } from './ranges.js';

describe('subtractRanges', () => {
  it('cuts holes out of ranges, whatever their order, and drops what is covered whole', () => {
    const from = [{ offset: 100, length: 100 }, { offset: 0, length: 50 }];
    const holes = [{ offset: 150, length: 10 }, { offset: 10, length: 5 }, { offset: 40, length: 200 }];
    expect(subtractRanges(from, holes)).toEqual([{ offset: 0, length: 10 }, { offset: 15, length: 25 }]);
  });

  it('keeps a range that no hole touches', () => {
    expect(subtractRanges([{ offset: 5, length: 5 }], [{ offset: 10, length: 5 }, { offset: 0, length: 5 }])).toEqual([{ offset: 5, length: 5 }]);
  });
});

describe('runIndex', () => {
  it('tells whether an offset lies inside any run, ends excluded', () => {
    const inside = runIndex([{ offset: 50, length: 10 }, { offset: 0, length: 10 }]);
    expect([0, 9, 10, 49, 50, 59, 60].map(inside)).toEqual([true, true, false, false, true, true, false]);
  });
});
