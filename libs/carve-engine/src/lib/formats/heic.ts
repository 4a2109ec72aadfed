import { heifPreview } from './heic-preview.js';
import { ftypFormat } from './isobmff-format.js';

/**
 * HEIF stills and sequences: HEIC (heic, heix, mif1 + heic…), AVIF (avif, avis) and other HEIF
 * (mif1, msf1). Ends with its last top-level box (Samsung motion photos keep their video in an mpvd
 * box after the image); complete when the meta box locates every item inside the file. Dimensions are
 * the primary item's ispe. The preview is a JPEG thumbnail item or an EXIF thumbnail, when there is one
 * (HEVC and AV1 are not decoded here).
 */
export const heicFormat = ftypFormat({
  id: 'heic',
  extensions: ['heic', 'heif', 'avif', 'hif'],
  mimeType: 'image/heic',
  maxSize: 512 * 1024 * 1024,
  family: 'image',
  needs: 'image',
  preview: heifPreview,
});
