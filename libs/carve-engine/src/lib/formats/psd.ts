import { BoundedReader } from '../bounded-reader.js';
import type { CarveFormat } from '../types.js';
import { PSD_HEAD_BYTES, readPsdHeader } from './psd-header.js';
import { psdPreview } from './psd-preview.js';
import { walkPsd } from './psd-walk.js';

/** Photoshop documents (PSD) and large documents (PSB), ended by their merged image data; their JPEG thumbnail is the preview. */
export const psdFormat: CarveFormat = {
  id: 'psd',
  extensions: ['psd', 'psb'],
  mimeType: 'image/vnd.adobe.photoshop',
  signatures: [{ offset: 0, bytes: [0x38, 0x42, 0x50, 0x53] }],
  maxSize: 4 * 1024 * 1024 * 1024,
  headerBytes: PSD_HEAD_BYTES,
  checkHeader(head) {
    return readPsdHeader(head) !== undefined;
  },
  match(source, offset, limits) {
    return walkPsd(new BoundedReader(source, offset, limits.maxSize, limits.signal), offset);
  },
  preview: psdPreview,
};
