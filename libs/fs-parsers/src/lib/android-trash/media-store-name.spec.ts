import { describe, expect, it } from 'vitest';
import { mediaStoreSince, parseMediaStoreName } from './media-store-name.js';

const expiry = Date.UTC(2024, 6, 10, 8) / 1000; // 2024-07-10T08:00:00Z

describe('MediaStore trashed and pending names', () => {
  it('a trashed photo: its real name, and when Android would delete it for good', () => {
    const parsed = parseMediaStoreName(`.trashed-${expiry}-IMG_20240602_111111.jpg`);
    expect(parsed).toEqual({ state: 'trashed', expiresAt: new Date('2024-07-10T08:00:00.000Z'), originalName: 'IMG_20240602_111111.jpg' });
    // Trashed 30 days before it expires (MediaProvider's default).
    expect(mediaStoreSince(parsed!).toISOString()).toBe('2024-06-10T08:00:00.000Z');
  });

  it('a pending video (an app still writing it): 7 days', () => {
    const parsed = parseMediaStoreName(`.pending-${expiry}-VID_20240603_121212.mp4`);
    expect(parsed).toMatchObject({ state: 'pending', originalName: 'VID_20240603_121212.mp4' });
    expect(mediaStoreSince(parsed!).toISOString()).toBe('2024-07-03T08:00:00.000Z');
  });

  it('the prefix in any case; the name keeps its case, dashes, dots and non-ASCII letters', () => {
    expect(parseMediaStoreName(`.TRASHED-${expiry}-Crème-brûlée 2024-06-01.v2.JPG`)).toMatchObject({ state: 'trashed', originalName: 'Crème-brûlée 2024-06-01.v2.JPG' });
    expect(parseMediaStoreName(`.Pending-${expiry}-.hidden.jpg`)?.originalName).toBe('.hidden.jpg');
  });

  it('other names are not MediaStore names', () => {
    for (const name of ['IMG_0001.jpg', 'trashed-1720598400-IMG.jpg', '.trash-1720598400-IMG.jpg', '.trashed-IMG.jpg', `.trashed--${expiry}-IMG.jpg`, `.trashed-${expiry}IMG.jpg`, `.deleted-${expiry}-IMG.jpg`, '']) {
      expect(parseMediaStoreName(name), name).toBeUndefined();
    }
  });

  it('a name that is only the prefix, or whose real name is empty, . or ..', () => {
    for (const name of [`.trashed-${expiry}-`, `.trashed-${expiry}`, '.trashed-', `.pending-${expiry}-.`, `.pending-${expiry}-..`]) {
      expect(parseMediaStoreName(name), name).toBeUndefined();
    }
  });

  it('a silly expiry: before 2019, after 2100, milliseconds, or more digits than any time', () => {
    for (const digits of ['0', '1', '1546300799', '4102444800', String(expiry * 1000), '9'.repeat(13), '9'.repeat(400)]) {
      expect(parseMediaStoreName(`.trashed-${digits}-IMG.jpg`), digits.slice(0, 20)).toBeUndefined();
    }
    expect(parseMediaStoreName('.trashed-1546300800-IMG.jpg')?.expiresAt.toISOString()).toBe('2019-01-01T00:00:00.000Z');
    expect(parseMediaStoreName('.trashed-4102444799-IMG.jpg')?.expiresAt.toISOString()).toBe('2099-12-31T23:59:59.000Z');
  });

  it('a hostile real name: separators, NUL, control characters, or longer than a file name can be', () => {
    for (const bad of ['../../etc/passwd', 'a/b.jpg', 'a\\b.jpg', 'a\u0000.jpg', 'a\n.jpg', 'a\u001b[31m.jpg', 'a\u007f.jpg', `${'x'.repeat(252)}.jpg`]) {
      expect(parseMediaStoreName(`.trashed-${expiry}-${bad}`), JSON.stringify(bad.slice(0, 20))).toBeUndefined();
    }
    expect(parseMediaStoreName(`.trashed-${expiry}-${'x'.repeat(251)}.jpg`)?.originalName).toHaveLength(255);
    expect(parseMediaStoreName(`.trashed-${expiry}-${'-'.repeat(100_000)}`)).toBeUndefined();
  });
});
