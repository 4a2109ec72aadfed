import { describe, expect, it } from 'vitest';
import { toFatDateTime } from '../fat/fat-time.js';
import { exfatTimestampToIso, utcOffsetMinutes } from './exfat-time.js';

/** A timestamp word for a local wall-clock time given as 'YYYY-MM-DDTHH:MM:SS'. */
function stamp(local: string): number {
  const { date, time } = toFatDateTime(new Date(`${local}Z`));
  return ((date << 16) | time) >>> 0;
}

describe('exFAT timestamps', () => {
  it('the UTC offset byte: bit 7 valid, 7-bit signed quarter hours, impossible values ignored', () => {
    expect(utcOffsetMinutes(0x00)).toBeUndefined();
    expect(utcOffsetMinutes(0x16)).toBeUndefined(); // +05:30 but not marked valid
    expect(utcOffsetMinutes(0x80)).toBe(0);
    expect(utcOffsetMinutes(0x96)).toBe(330);
    expect(utcOffsetMinutes(0x80 | 0x7c)).toBe(-60); // -4 quarter hours
    expect(utcOffsetMinutes(0x80 | 0x40)).toBeUndefined(); // -16:00
  });

  it('a valid offset turns local time into UTC; without one, local time is read as UTC', () => {
    const value = stamp('2023-05-06T12:38:08');
    expect(exfatTimestampToIso({ value, tenMs: 100, utcOffset: 0x96 })).toBe('2023-05-06T07:08:09.000Z');
    expect(exfatTimestampToIso({ value, tenMs: 0, utcOffset: 0x16 })).toBe('2023-05-06T12:38:08.000Z');
    expect(exfatTimestampToIso({ value, tenMs: 0, utcOffset: 0x80 | 0x7c })).toBe('2023-05-06T13:38:08.000Z');
  });

  it('10 ms increments give odd seconds and hundredths; a day boundary is crossed correctly', () => {
    expect(exfatTimestampToIso({ value: stamp('2024-01-01T00:00:00'), tenMs: 137, utcOffset: 0x80 | 0x04 })).toBe('2023-12-31T23:00:01.370Z');
  });

  it('zero or impossible dates give no time at all', () => {
    expect(exfatTimestampToIso({ value: 0, tenMs: 0, utcOffset: 0x80 })).toBeUndefined();
    expect(exfatTimestampToIso({ value: 0xffffffff, tenMs: 0, utcOffset: 0 })).toBeUndefined();
    expect(exfatTimestampToIso({ value: stamp('2023-05-06T12:38:08'), tenMs: 250, utcOffset: 0 })).toBeUndefined();
  });
});
