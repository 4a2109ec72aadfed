import { describe, expect, it } from 'vitest';
import { trashBadge, trashSentence } from './trash-labels';

const NOW = Date.parse('2024-07-01T00:00:00Z');

describe('trashBadge', () => {
  it('says when Recently Deleted purged (or will purge) a photo', () => {
    expect(trashBadge({ by: 'iphone-recently-deleted', deletedAt: '2024-06-20T08:15:30Z', purgeAt: '2024-07-20T08:15:30Z' }, Date.parse('2025-01-01T00:00:00Z'))).toBe('Recently Deleted · purged 20 Jul 2024');
    expect(trashBadge({ by: 'iphone-recently-deleted', purgeAt: '2024-07-20T08:15:30Z' }, NOW)).toBe('Recently Deleted · until 20 Jul 2024');
    expect(trashBadge({ by: 'iphone-recently-deleted' }, NOW)).toBe('Recently Deleted');
  });

  it('gives Android’s expiry and the Recycle Bin’s deletion day', () => {
    expect(trashBadge({ by: 'android-trash', purgeAt: '2024-07-10T08:00:00Z' }, NOW)).toBe('Android trash · expires 10 Jul 2024');
    expect(trashBadge({ by: 'android-pending', purgeAt: '2024-06-19T09:30:00Z' }, NOW)).toBe('Unfinished Android file · expired 19 Jun 2024');
    expect(trashBadge({ by: 'recycle-bin', deletedAt: '2024-06-02T12:00:00Z' }, NOW)).toBe('Recycle Bin · deleted 2 Jun 2024');
    expect(trashBadge({ by: 'recycle-bin', deletedAt: 'not a date' }, NOW)).toBe('Recycle Bin');
  });
});

describe('trashSentence', () => {
  it('tells where it was kept and when it goes for good', () => {
    const text = trashSentence({ by: 'iphone-recently-deleted', deletedAt: '2024-06-20T08:15:30Z', purgeAt: '2024-07-20T08:15:30Z' }, NOW);
    expect(text).toMatch(/^In the iPhone’s Recently Deleted album since 20 Jun 2024, \d\d:\d\d\. The iPhone erases it for good on 20 Jul 2024, \d\d:\d\d\.$/);
    expect(trashSentence({ by: 'recycle-bin' }, NOW)).toBe('In a Windows Recycle Bin.');
  });
});
