import { describe, expect, it } from 'vitest';
import { fatDateTimeToIso, fatDateToIso, toFatDateTime } from './fat-time.js';

describe('FAT date and time', () => {
  it('decodes date and time words as UTC ISO strings', () => {
    // 2023-11-14 = (43 << 9) | (11 << 5) | 14; 22:13:20 = (22 << 11) | (13 << 5) | 10
    const date = (43 << 9) | (11 << 5) | 14;
    const time = (22 << 11) | (13 << 5) | 10;
    expect(fatDateToIso(date)).toBe('2023-11-14');
    expect(fatDateTimeToIso(date, time)).toBe('2023-11-14T22:13:20.000Z');
    expect(fatDateTimeToIso(date, time, 150)).toBe('2023-11-14T22:13:21.500Z');
  });

  it('round-trips through the encoder at two-second resolution', () => {
    const when = new Date('2031-02-28T23:59:58.000Z');
    const { date, time } = toFatDateTime(when);
    expect(fatDateTimeToIso(date, time)).toBe(when.toISOString());
  });

  it('gives undefined for zero or impossible values, never a wrong date', () => {
    expect(fatDateToIso(0)).toBeUndefined();
    expect(fatDateToIso((10 << 9) | (13 << 5) | 1)).toBeUndefined(); // month 13
    expect(fatDateToIso((44 << 9) | (2 << 5) | 30)).toBeUndefined(); // 30 February 2024
    expect(fatDateToIso((44 << 9) | (2 << 5) | 29)).toBe('2024-02-29');
    const ok = (43 << 9) | (1 << 5) | 1;
    expect(fatDateTimeToIso(ok, 24 << 11)).toBeUndefined(); // hour 24
    expect(fatDateTimeToIso(ok, 60 << 5)).toBeUndefined(); // minute 60
    expect(fatDateTimeToIso(ok, 30)).toBeUndefined(); // second 60
    expect(fatDateTimeToIso(ok, 0, 200)).toBeUndefined(); // tenths past 199
  });
});
