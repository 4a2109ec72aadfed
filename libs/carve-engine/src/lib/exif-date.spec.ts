import { describe, expect, it } from 'vitest';
import { exifDateToIso } from './exif-date.js';

describe('exifDateToIso', () => {
  it('turns the EXIF wall clock into ISO without a zone', () => {
    expect(exifDateToIso('2023:07:14 09:26:53')).toBe('2023-07-14T09:26:53');
  });

  it('adds the OffsetTime the camera wrote, never a Z', () => {
    expect(exifDateToIso('2023:07:14 09:26:53', '+02:00')).toBe('2023-07-14T09:26:53+02:00');
    expect(exifDateToIso('2023:07:14 09:26:53', '-07:30')).toBe('2023-07-14T09:26:53-07:30');
    expect(exifDateToIso('2023:07:14 09:26:53', 'junk')).toBe('2023-07-14T09:26:53');
  });

  it('reads a Date built from local fields back without shifting it', () => {
    expect(exifDateToIso(new Date(2021, 2, 28, 2, 30, 0))).toMatch(/^2021-03-28T0[23]:30:00$/);
    expect(exifDateToIso(new Date(2019, 11, 31, 23, 59, 58))).toBe('2019-12-31T23:59:58');
  });

  it('refuses unset and impossible dates', () => {
    for (const bad of ['0000:00:00 00:00:00', '2023:02:30 10:00:00', '2023:13:01 10:00:00', '2023:01:01 24:00:00', '    :  :     :  :  ', '', 42, undefined, new Date(NaN)]) {
      expect(exifDateToIso(bad)).toBeUndefined();
    }
  });
});
