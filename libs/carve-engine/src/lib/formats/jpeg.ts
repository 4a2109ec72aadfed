import { BoundedReader } from '../bounded-reader.js';
import type { CarveFormat } from '../types.js';
import { canFollowSoi } from './jpeg-markers.js';
import { walkJpeg } from './jpeg-walk.js';

/** JPEG/JFIF/EXIF, including progressive files and MPF (multi-picture) sets, found by structure. */
export const jpegFormat: CarveFormat = {
  id: 'jpeg',
  extensions: ['jpg', 'jpeg', 'jpe', 'mpo'],
  mimeType: 'image/jpeg',
  signatures: [{ offset: 0, bytes: [0xff, 0xd8, 0xff] }],
  maxSize: 256 * 1024 * 1024,
  headerBytes: 6,
  checkHeader(head) {
    // SOI, then a marker a real file starts with and a plausible segment length.
    return head.length >= 6 && canFollowSoi(head[3]) && head.readUInt16BE(4) >= 2;
  },
  async match(source, offset, limits) {
    // The walk parses each segment as it reads it and keeps no bytes: its windows can share a buffer.
    const reader = new BoundedReader(source, offset, limits.maxSize, limits.signal).streaming();
    try {
      return await walkJpeg(reader, offset);
    } finally {
      reader.release();
    }
  },
};
