import { BoundedReader } from '../bounded-reader.js';
import type { CarveFormat } from '../types.js';
import { walkGif } from './gif-walk.js';

const GIF87A = [0x47, 0x49, 0x46, 0x38, 0x37, 0x61];
const GIF89A = [0x47, 0x49, 0x46, 0x38, 0x39, 0x61];

/** GIF 87a and 89a (still and animated), walked block by block to the trailer. */
export const gifFormat: CarveFormat = {
  id: 'gif',
  extensions: ['gif'],
  mimeType: 'image/gif',
  signatures: [
    { offset: 0, bytes: GIF89A },
    { offset: 0, bytes: GIF87A },
  ],
  maxSize: 256 * 1024 * 1024,
  headerBytes: 14,
  checkHeader(head) {
    // A logical screen of at least 1×1, then a block (or the global colour table) must follow.
    if (head.length < 14 || head.readUInt16LE(6) === 0 || head.readUInt16LE(8) === 0) return false;
    return (head[10] & 0x80) !== 0 || head[13] === 0x2c || head[13] === 0x21;
  },
  match(source, offset, limits) {
    return walkGif(new BoundedReader(source, offset, limits.maxSize, limits.signal), offset);
  },
};
