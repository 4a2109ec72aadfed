import { describe, expect, it } from 'vitest';
import { livePairsKept, trashCounts } from './recovery-facts';

describe('trashCounts', () => {
  it('counts the recovered files by the trash that kept them', () => {
    const files = [{ trash: { by: 'recycle-bin' as const } }, {}, { trash: { by: 'iphone-recently-deleted' as const } }, { trash: { by: 'recycle-bin' as const } }];
    expect(trashCounts(files)).toEqual([
      ['iphone-recently-deleted', 1],
      ['recycle-bin', 2],
    ]);
    expect(trashCounts([{}])).toEqual([]);
  });
});

describe('livePairsKept', () => {
  it('counts the Live Photos whose two halves were both recovered', () => {
    expect(livePairsKept([{ findingId: 'a', livePhotoPair: 'b' }, { findingId: 'b', livePhotoPair: 'a' }, { findingId: 'c', livePhotoPair: 'd' }, { findingId: 'e' }])).toBe(1);
  });
});
