import { describe, expect, it } from 'vitest';
import { encodeRecycleBinInfo } from '../../testing/recycle-bin.js';
import { CorruptError, TruncatedError, UnsupportedError } from '../errors.js';
import { filetimeToIso, isoToFiletime } from './filetime.js';
import { MAX_INFO_BYTES, parseRecycleBinInfo } from './info-file.js';

const when = '2024-05-01T10:20:30.456Z';
const path = 'E:\\DCIM\\100CANON\\IMG_0043.JPG';

describe('$I files', () => {
  it('version 1 (Vista to 8): 544 bytes, the path padded to 260 characters', () => {
    const bytes = encodeRecycleBinInfo(1, 6100, isoToFiletime(when), path);
    expect(bytes.length).toBe(544);
    expect(parseRecycleBinInfo(bytes)).toEqual({ version: 1, originalSize: 6100, deletedAt: when, originalPath: path, notes: [] });
  });

  it('version 2 (Windows 10+): the counted path, non-ASCII and longer than 260 characters too', () => {
    const long = `E:\\${'Crème brûlée – '.repeat(30)}.jpg`;
    const bytes = encodeRecycleBinInfo(2, 3300, isoToFiletime(when), long);
    expect(bytes.length).toBe(28 + 2 * (long.length + 1));
    expect(parseRecycleBinInfo(bytes)).toMatchObject({ version: 2, originalSize: 3300, deletedAt: when, originalPath: long, notes: [] });
  });

  it('FILETIME: 100 ns since 1601, UTC; zero or out of range gives no time and a note', () => {
    expect(filetimeToIso(116_444_736_000_000_000n)).toBe('1970-01-01T00:00:00.000Z');
    expect(filetimeToIso(0n)).toBeUndefined();
    expect(filetimeToIso(0xffffffffffffffffn)).toBeUndefined();
    const bytes = encodeRecycleBinInfo(2, 1, 0n, path);
    const info = parseRecycleBinInfo(bytes);
    expect(info.deletedAt).toBeUndefined();
    expect(info.notes).toEqual(['deletion time 0x0 is zero or out of range']);
  });

  it('a version 2 name length of 2^31 is a CorruptError, read no further', () => {
    const bytes = encodeRecycleBinInfo(2, 1, isoToFiletime(when), path);
    bytes.writeUInt32LE(2 ** 31, 24);
    expect(() => parseRecycleBinInfo(bytes)).toThrow(CorruptError);
    expect(() => parseRecycleBinInfo(bytes)).toThrow(/name length 2147483648 is outside 1–32767/);
    bytes.writeUInt32LE(0, 24);
    expect(() => parseRecycleBinInfo(bytes)).toThrow(/name length 0/);
  });

  it('truncated anywhere is a TruncatedError naming what is missing', () => {
    const v2 = encodeRecycleBinInfo(2, 1, isoToFiletime(when), path);
    const v1 = encodeRecycleBinInfo(1, 1, isoToFiletime(when), path);
    expect(() => parseRecycleBinInfo(v2.subarray(0, 10))).toThrow(TruncatedError);
    expect(() => parseRecycleBinInfo(v2.subarray(0, 26))).toThrow(/name length/);
    expect(() => parseRecycleBinInfo(v2.subarray(0, v2.length - 2))).toThrow(/needs \d+ bytes/);
    expect(() => parseRecycleBinInfo(v1.subarray(0, 300))).toThrow(/version 1 \$I file holds 544 bytes/);
  });

  it('version 3 (or any other) is an UnsupportedError; an absurd size or an empty path a CorruptError', () => {
    const bytes = encodeRecycleBinInfo(2, 1, isoToFiletime(when), path);
    bytes.writeBigUInt64LE(3n, 0);
    expect(() => parseRecycleBinInfo(bytes)).toThrow(UnsupportedError);
    expect(() => parseRecycleBinInfo(bytes)).toThrow(/\$I version 3/);
    const huge = encodeRecycleBinInfo(2, 1, isoToFiletime(when), path);
    huge.writeBigUInt64LE(2n ** 63n, 8);
    expect(() => parseRecycleBinInfo(huge)).toThrow(CorruptError);
    expect(() => parseRecycleBinInfo(encodeRecycleBinInfo(2, 1, 1n, ''))).toThrow(/empty original path/);
  });

  it('a path without its NUL, or shorter than its count, is kept with a note', () => {
    const bytes = encodeRecycleBinInfo(2, 1, isoToFiletime(when), path);
    bytes.writeUInt16LE(0x41, bytes.length - 2);
    expect(parseRecycleBinInfo(bytes)).toMatchObject({ originalPath: `${path}A`, notes: ['the original path has no terminating NUL'] });
    const early = encodeRecycleBinInfo(2, 1, isoToFiletime(when), path);
    early.writeUInt16LE(0, 28 + 2 * 5);
    expect(parseRecycleBinInfo(early).notes.join(' ')).toMatch(/name holds 5/);
    expect(MAX_INFO_BYTES).toBe(24 + 4 + 2 * 32767);
  });
});
