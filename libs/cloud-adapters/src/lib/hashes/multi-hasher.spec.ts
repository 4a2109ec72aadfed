import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createHasher, MultiHasher } from './index.js';

describe('createHasher and MultiHasher', () => {
  it('gives the well-known digests of "abc" for sha256, md5 and sha1 (FIPS 180 / RFC 1321 examples)', () => {
    const digest = (kind: 'sha256' | 'md5' | 'sha1') => {
      const hasher = createHasher(kind);
      hasher.update(Buffer.from('a'));
      hasher.update(Buffer.from('bc'));
      return hasher.digest();
    };
    expect(digest('sha256')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(digest('md5')).toBe('900150983cd24fb0d6963f7d28e17f72');
    expect(digest('sha1')).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
  });

  it('computes every requested kind in one pass, each equal to its own hasher', () => {
    const bytes = randomBytes(300_000);
    const multi = new MultiHasher(['sha256', 'dropbox', 'quickxor']);
    for (let at = 0; at < bytes.length; at += 4099) multi.update(bytes.subarray(at, at + 4099));
    const digests = multi.digests();
    expect(Object.keys(digests).sort()).toEqual(['dropbox', 'quickxor', 'sha256']);
    expect(digests.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    for (const kind of ['dropbox', 'quickxor'] as const) {
      const single = createHasher(kind);
      single.update(bytes);
      expect(digests[kind]).toBe(single.digest());
    }
    expect(multi.digests()).toEqual(digests);
    expect(() => multi.update(bytes)).toThrow();
  });
});
