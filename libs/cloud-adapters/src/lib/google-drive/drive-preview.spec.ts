import { describe, expect, it } from 'vitest';
import { sizedThumbnailLink, trustedThumbnailLink } from './drive-preview.js';

const API = 'https://www.googleapis.com/';

describe('Drive thumbnail addresses', () => {
  it('sends the token only to Google’s image servers over https, or to the API’s own origin', () => {
    expect(trustedThumbnailLink('https://lh3.googleusercontent.com/drive-storage/AJQ=s220', API)?.hostname).toBe('lh3.googleusercontent.com');
    expect(trustedThumbnailLink('http://127.0.0.1:4100/drive-storage/x=s220', 'http://127.0.0.1:4100/')?.pathname).toBe('/drive-storage/x=s220');
    for (const hostile of [
      'http://lh3.googleusercontent.com/x=s220', // not https
      'https://googleusercontent.com.evil.example/x=s220',
      'https://evil.example/?lh3.googleusercontent.com',
      'https://user:pw@lh3.googleusercontent.com/x',
      'http://127.0.0.1:4101/drive-storage/x=s220', // another port than the API's
      'file:///etc/passwd',
      'not a url',
      '',
    ]) {
      expect(trustedThumbnailLink(hostile, API), hostile).toBeUndefined();
    }
    expect(trustedThumbnailLink(`https://lh3.googleusercontent.com/${'a'.repeat(5000)}`, API)).toBeUndefined();
  });

  it('asks for the size wanted through Google’s =s<pixels> suffix, within 32..1600', () => {
    const link = new URL('https://lh3.googleusercontent.com/drive-storage/AJQ=s220');
    expect(sizedThumbnailLink(link, 512).href).toBe('https://lh3.googleusercontent.com/drive-storage/AJQ=s512');
    expect(sizedThumbnailLink(link, 99_999).href).toBe('https://lh3.googleusercontent.com/drive-storage/AJQ=s1600');
    expect(sizedThumbnailLink(link, 4).href).toBe('https://lh3.googleusercontent.com/drive-storage/AJQ=s32');
    expect(sizedThumbnailLink(link, undefined)).toBe(link);
    expect(sizedThumbnailLink(new URL('https://lh3.googleusercontent.com/other'), 512).href).toBe('https://lh3.googleusercontent.com/other');
  });
});
