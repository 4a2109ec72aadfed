import { describe, expect, it } from 'vitest';
import { fileType } from './file-type';

describe('fileType', () => {
  it('trusts the MIME type the provider gave', () => {
    expect(fileType({ name: 'clip', mimeType: 'video/mp4' })).toBe('video');
    expect(fileType({ name: 'IMG_0001.JPG', mimeType: 'application/octet-stream' })).toBe('photo');
    expect(fileType({ name: 'report.pdf', mimeType: 'application/pdf' })).toBe('file');
    expect(fileType({ name: 'scan', mimeType: 'image/heic' })).toBe('photo');
  });
  it('falls back on the extension, in any case', () => {
    expect(fileType({ name: 'Birthday cake.JPG' })).toBe('photo');
    expect(fileType({ name: 'IMG_0001.HEIC' })).toBe('photo');
    expect(fileType({ name: 'MVI_0002.MOV' })).toBe('video');
    expect(fileType({ name: 'notes.txt' })).toBe('file');
    expect(fileType({ name: 'no extension' })).toBe('file');
  });
});
