import { BoundedReader } from '../bounded-reader.js';
import type { CarveFormat } from '../types.js';
import { PNG_HEAD_BYTES, PNG_SIGNATURE, readPngHeader } from './png-header.js';
import { walkPng } from './png-walk.js';

/** PNG and animated PNG (APNG), ended by the IEND chunk, every chunk's CRC checked on the way. */
export const pngFormat: CarveFormat = {
  id: 'png',
  extensions: ['png', 'apng'],
  mimeType: 'image/png',
  signatures: [{ offset: 0, bytes: [...PNG_SIGNATURE] }],
  maxSize: 512 * 1024 * 1024,
  headerBytes: PNG_HEAD_BYTES,
  checkHeader(head) {
    return readPngHeader(head) !== undefined;
  },
  match(source, offset, limits) {
    return walkPng(new BoundedReader(source, offset, limits.maxSize, limits.signal), offset);
  },
};
