import { describe, expect, it } from 'vitest';
import { HFS_EPOCH_OFFSET, hfsDate } from './hfs-time.js';
import { displayName, readUniStr } from './unicode-name.js';

describe('HFS+ dates and names', () => {
  it('dates count seconds from 1904-01-01 UTC; 0 means never', () => {
    expect(hfsDate(0)).toBeUndefined();
    expect(hfsDate(1)).toBe('1904-01-01T00:00:01.000Z');
    expect(hfsDate(HFS_EPOCH_OFFSET)).toBe('1970-01-01T00:00:00.000Z');
    expect(hfsDate(0xffffffff)).toBe('2040-02-06T06:28:15.000Z');
  });

  it('names are read as stored (decomposed) and shown NFC, with "/" shown as ":"', () => {
    const stored = Buffer.from([0, 5, 0, 0x43, 0, 0x61, 0, 0x66, 0, 0x65, 0x03, 0x01]);
    const name = readUniStr(stored, 0);
    expect(name).toEqual({ raw: 'Cafe\u0301', units: 5 });
    expect(displayName(name?.raw ?? '')).toBe('Caf\u00e9');
    expect(displayName('a/b')).toBe('a:b');
    expect(readUniStr(Buffer.from([0x01, 0x00]), 0)).toBeUndefined(); // 256 units claimed
    expect(readUniStr(Buffer.from([0, 3, 0, 0x41]), 0)).toBeUndefined(); // runs past the bytes
  });
});
