import { describe, expect, it } from 'vitest';
import { NameAllocator, suggestName } from './naming.js';
import type { MediaMetadata } from './types.js';

const file = (metadata: MediaMetadata, offset = 1_048_576, extension = 'jpg') => ({ metadata, extension, byteRuns: [{ offset, length: 10 }] });

describe('suggestName', () => {
  it('builds date, time and camera from EXIF', () => {
    expect(suggestName(file({ takenAt: '2023-07-14T09:26:53+02:00', make: 'Afterimage', model: 'TestCam' }))).toBe('2023-07-14_09-26-53_Afterimage-TestCam.jpg');
  });

  it('keeps the wall-clock time of the EXIF date (no zone conversion)', () => {
    expect(suggestName(file({ takenAt: '2023-12-31T23:59:59-08:00' }))).toBe('2023-12-31_23-59-59.jpg');
  });

  it('does not repeat the make the model already starts with', () => {
    expect(suggestName(file({ takenAt: '2020-01-02T03:04:05', make: 'Canon', model: 'Canon EOS 5D Mark IV' }))).toBe('2020-01-02_03-04-05_Canon-EOS-5D-Mark-IV.jpg');
  });

  it('strips characters filesystems refuse', () => {
    const name = suggestName(file({ takenAt: '2020-01-02T03:04:05', make: 'NIKON / CORP.', model: 'Z 6<II>:"*?|\\ é' }));
    expect(name).toBe('2020-01-02_03-04-05_NIKON-CORP-Z-6-II-e.jpg');
    expect(name).toMatch(/^[A-Za-z0-9._-]+$/);
  });

  it('falls back to the byte offset without an EXIF date', () => {
    expect(suggestName(file({ make: 'Afterimage' }, 4096))).toBe('f4096.jpg');
    expect(suggestName(file({ takenAt: 'garbage' }, 7))).toBe('f7.jpg');
  });

  it('caps long camera names', () => {
    const name = suggestName(file({ takenAt: '2020-01-02T03:04:05', make: 'M'.repeat(200), model: 'X' }));
    expect(name.length).toBeLessThanOrEqual('2020-01-02_03-04-05_'.length + 64 + 4);
  });

  it('allocates a unique name through the allocator it is given', () => {
    const taken = new NameAllocator();
    const f = file({ takenAt: '2020-01-02T03:04:05' });
    expect([suggestName(f, taken), suggestName(f, taken), suggestName(f, taken)]).toEqual([
      '2020-01-02_03-04-05.jpg',
      '2020-01-02_03-04-05-1.jpg',
      '2020-01-02_03-04-05-2.jpg',
    ]);
  });
});

describe('NameAllocator', () => {
  it('adds -1, -2… before the extension, case-insensitively', () => {
    const names = new NameAllocator(['Photo.JPG']);
    expect(names.allocate('photo.jpg')).toBe('photo-1.jpg');
    expect(names.allocate('photo.jpg')).toBe('photo-2.jpg');
    expect(names.allocate('noext')).toBe('noext');
    expect(names.allocate('noext')).toBe('noext-1');
  });

  it('steps over names that already look like a suffixed one', () => {
    const names = new NameAllocator(['a-1.jpg']);
    expect(names.allocate('a.jpg')).toBe('a.jpg');
    expect(names.allocate('a.jpg')).toBe('a-2.jpg');
    expect(names.allocate('a-1.jpg')).toBe('a-1-1.jpg');
    expect(names.has('A-2.JPG')).toBe(true);
  });
});
