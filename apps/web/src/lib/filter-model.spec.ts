import { describe, expect, it } from 'vitest';
import { activeFilterCount, EMPTY_FILTER, queryKey, toFindingFilter, toggleIn } from './filter-model';

describe('toFindingFilter', () => {
  it('keeps everything when nothing is set', () => {
    expect(toFindingFilter(EMPTY_FILTER)).toEqual({});
    expect(activeFilterCount(EMPTY_FILTER)).toBe(0);
  });

  it('maps every control onto the agent filter', () => {
    const filter = toFindingFilter({
      ...EMPTY_FILTER,
      formats: ['jpeg', 'png'],
      states: ['truncated'],
      origins: ['deleted'],
      confidence: ['high', 'medium'],
      trash: ['iphone-recently-deleted', 'none'],
      foundBy: ['carving'],
      takenFrom: '2024-06-01',
      takenTo: '2024-06-30',
      camera: ' Canon ',
      minSize: '1.5',
      maxSize: '20',
      sizeUnit: 'MB',
      text: 'IMG_',
    });
    expect(filter).toEqual({
      formats: ['jpeg', 'png'],
      states: ['truncated'],
      origins: ['deleted'],
      confidence: ['high', 'medium'],
      trash: ['iphone-recently-deleted', 'none'],
      foundBy: ['carving', 'both'],
      takenFrom: '2024-06-01',
      takenTo: '2024-06-30T24',
      camera: 'Canon',
      minSize: 1_500_000,
      maxSize: 20_000_000,
      text: 'IMG_',
    });
  });

  it('counts a whole day up to its last second, as text', () => {
    const { takenTo } = toFindingFilter({ ...EMPTY_FILTER, takenTo: '2024-06-30' });
    expect('2024-06-30T23:59:59' <= takenTo!).toBe(true);
    expect('2024-06-30T23:59:59.500+02:00' <= takenTo!).toBe(true);
    expect('2024-07-01T00:00:00' <= takenTo!).toBe(false);
  });

  it('treats "found by filesystem and by carving" as no narrowing, and ignores what is not a number or a date', () => {
    expect(toFindingFilter({ ...EMPTY_FILTER, foundBy: ['filesystem', 'carving'], minSize: 'abc', maxSize: '-3', takenFrom: '2024-6-1' })).toEqual({});
    expect(toFindingFilter({ ...EMPTY_FILTER, minSize: '12', sizeUnit: 'KB' })).toEqual({ minSize: 12_000 });
    expect(toFindingFilter({ ...EMPTY_FILTER, foundBy: ['filesystem'] }).foundBy).toEqual(['filesystem', 'both']);
  });

  it('counts dates and sizes as one control each', () => {
    expect(activeFilterCount({ ...EMPTY_FILTER, takenFrom: '2024-01-01', takenTo: '2024-02-01', minSize: '1', maxSize: '2', formats: ['jpeg'] })).toBe(3);
    expect(activeFilterCount({ ...EMPTY_FILTER, trash: ['android-trash', 'recycle-bin'] })).toBe(1);
  });
});

describe('queryKey', () => {
  it('is the same for the same filter whatever the key order', () => {
    expect(queryKey('s', { formats: ['jpeg'], states: ['complete'] }, { sort: 'offset', descending: false })).toBe(
      queryKey('s', { states: ['complete'], formats: ['jpeg'] }, { sort: 'offset', descending: false }),
    );
    expect(queryKey('s', {}, { sort: 'size', descending: true })).not.toBe(queryKey('s', {}, { sort: 'size', descending: false }));
  });
});

describe('toggleIn', () => {
  it('adds a missing value and removes a present one', () => {
    expect(toggleIn(['a'], 'b')).toEqual(['a', 'b']);
    expect(toggleIn(['a', 'b'], 'a')).toEqual(['b']);
  });
});
