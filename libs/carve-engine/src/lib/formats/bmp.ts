import { BoundedReader } from '../bounded-reader.js';
import type { CarveFormat, FormatMatch } from '../types.js';
import { BI_RLE4, BI_RLE8, BMP_HEAD_BYTES, readBmpHeader } from './bmp-header.js';
import { bmpPreview } from './bmp-preview.js';
import { checkRle } from './bmp-rle.js';
import { completeMatch, corruptMatch, outOfBytes } from './shared/match-result.js';

/**
 * Windows/OS2 bitmaps. The end is the declared file size once it agrees with the headers (see
 * readBmpHeader); RLE-compressed pixels are followed to their end-of-bitmap command. sharp cannot
 * read BMP, so `preview` renders uncompressed bitmaps itself.
 */
export const bmpFormat: CarveFormat = {
  id: 'bmp',
  extensions: ['bmp', 'dib'],
  mimeType: 'image/bmp',
  signatures: [{ offset: 0, bytes: [0x42, 0x4d] }],
  maxSize: 1024 * 1024 * 1024,
  headerBytes: BMP_HEAD_BYTES,
  checkHeader(head) {
    return readBmpHeader(head) !== undefined;
  },
  async match(source, offset, limits): Promise<FormatMatch | null> {
    const reader = new BoundedReader(source, offset, limits.maxSize, limits.signal);
    const head = await reader.bytes(offset, Math.min(BMP_HEAD_BYTES, reader.end - offset));
    const header = head && readBmpHeader(head);
    if (!header) return null;
    const extras = { dimensions: { width: header.width, height: header.height } };
    if (header.compression === BI_RLE8 || header.compression === BI_RLE4) {
      const rle = await checkRle(reader, offset + header.pixelOffset, header.pixelBytes, header.width, header.height, header.compression === BI_RLE4);
      if (rle.kind === 'invalid') return corruptMatch(rle.at - offset, `RLE pixel data at offset ${rle.at - offset}: ${rle.reason}`, extras);
      if (rle.kind === 'out-of-data') return outOfBytes(reader, offset, 'the end of its RLE pixel data', extras);
    }
    if (offset + header.fileSize > reader.end) return outOfBytes(reader, offset, `its declared ${header.fileSize}-byte end`, extras);
    return completeMatch(header.fileSize, extras);
  },
  preview: bmpPreview,
};
