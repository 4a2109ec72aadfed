import type { FindingFacets } from '@afterimage/contracts';
import { describe, expect, it } from 'vitest';
import { formatChoices, foundByCount, trashChoices } from './facet-counts';

const facets: FindingFacets = {
  total: 9,
  formats: [
    { value: 'heic', count: 6 },
    { value: 'mov', count: 3 },
  ],
  cameras: [],
  camerasOmitted: 0,
  withoutCamera: 9,
  takenAt: { withDate: 0, withoutDate: 9 },
  size: {},
  states: { complete: 9, truncated: 0, corrupt: 0 },
  foundBy: { filesystem: 4, carving: 2, both: 3 },
  origins: { deleted: 5, live: 4, lost: 0 },
  confidence: { high: 9, medium: 0, low: 0 },
  withoutConfidence: 0,
  trash: { 'iphone-recently-deleted': 2, 'android-trash': 0, 'android-pending': 0, 'recycle-bin': 1 },
  withoutTrash: 6,
};

describe('facet counts for the filter panel', () => {
  it('offers every type in a steady order with the agent’s counts, 0 for those the other filters rule out', () => {
    expect(formatChoices(facets, [['jpeg', 40], ['heic', 9]], ['png'])).toEqual([
      ['jpeg', 0],
      ['heic', 6],
      ['mov', 3],
      ['png', 0],
    ]);
    expect(formatChoices(undefined, [['jpeg', 40]], ['png'])).toEqual([
      ['jpeg', 40],
      ['png', undefined],
    ]);
  });

  it('counts findings found both ways under each way', () => {
    expect(foundByCount(facets, 'filesystem')).toBe(7);
    expect(foundByCount(facets, 'carving')).toBe(5);
    expect(foundByCount(undefined, 'carving')).toBeUndefined();
  });

  it('offers the trashes that kept something, and "none"; nothing when no trash is involved', () => {
    expect(trashChoices(facets, [], [])).toEqual([
      { value: 'iphone-recently-deleted', count: 2 },
      { value: 'recycle-bin', count: 1 },
      { value: 'none', count: 6 },
    ]);
    const untrashed = { ...facets, trash: { ...facets.trash, 'iphone-recently-deleted': 0, 'recycle-bin': 0 } };
    expect(trashChoices(untrashed, [], [])).toEqual([]);
    expect(trashChoices(untrashed, ['android-trash'], [])).toEqual([
      { value: 'android-trash', count: 0 },
      { value: 'none', count: 6 },
    ]);
    // A trash counted before stays offered while other filters rule it out.
    expect(trashChoices(untrashed, [], ['recycle-bin'])).toEqual([
      { value: 'recycle-bin', count: 0 },
      { value: 'none', count: 6 },
    ]);
  });
});
