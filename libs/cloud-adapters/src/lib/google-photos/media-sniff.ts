import { isHeif, isJpeg } from '../hashes/photo-canonical.js';
import { mimeTypeFor } from '../media-types.js';

export interface SniffedMedia {
  kind: 'photo' | 'video';
  /** For X-Goog-Upload-Content-Type: what the bytes are when they say, else what the name says. */
  mimeType: string;
}

/** Bytes to read from the start of a file to tell what it is. */
export const SNIFF_BYTES = 512;

const ascii = (bytes: Buffer, at: number, length: number) => bytes.subarray(at, at + length).toString('latin1');

/** Still images in ISO BMFF that are not HEIF, by major brand: Canon's CR3 raw, JPEG XL's container. */
const OTHER_IMAGE_BRANDS: Readonly<Record<string, string>> = { 'crx ': 'image/x-canon-cr3', 'jxl ': 'image/jxl' };

/** Video containers by their first bytes: ISO BMFF / QuickTime of a non-image brand, Matroska/WebM, AVI, ASF, FLV, MPEG-PS and -TS. */
function videoType(head: Buffer): string | undefined {
  const box = ascii(head, 4, 4);
  if (box === 'ftyp') return ascii(head, 8, 4) === 'qt  ' ? 'video/quicktime' : ascii(head, 8, 3) === '3g2' ? 'video/3gpp2' : ascii(head, 8, 3) === '3gp' ? 'video/3gpp' : 'video/mp4';
  if (['moov', 'mdat', 'wide', 'free', 'skip', 'pnot'].includes(box)) return 'video/quicktime';
  if (head.subarray(0, 4).equals(Buffer.from([0x1a, 0x45, 0xdf, 0xa3]))) return 'video/x-matroska';
  if (ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 4) === 'AVI ') return 'video/x-msvideo';
  if (head.subarray(0, 8).equals(Buffer.from('3026b2758e66cf11', 'hex'))) return 'video/x-ms-wmv';
  if (ascii(head, 0, 3) === 'FLV') return 'video/x-flv';
  if (head.subarray(0, 4).equals(Buffer.from([0, 0, 1, 0xba]))) return 'video/mpeg';
  if (head[0] === 0x47 && head[188] === 0x47) return 'video/mp2t';
  if (head[4] === 0x47 && head[196] === 0x47) return 'video/mp2t';
  return undefined;
}

/**
 * Photo or video, the way Google Photos decides it: by the bytes (it sniffs what it is sent), falling back on
 * the file name's extension for bytes that say nothing. A JPEG or a HEIF image is a photo whatever its name.
 */
export function sniffMedia(head: Buffer, fileName: string): SniffedMedia {
  if (isJpeg(head)) return { kind: 'photo', mimeType: 'image/jpeg' };
  if (isHeif(head)) {
    const brand = ascii(head, 8, 4);
    return { kind: 'photo', mimeType: brand.startsWith('avi') ? 'image/avif' : brand.startsWith('hei') ? 'image/heic' : 'image/heif' };
  }
  const other = ascii(head, 4, 4) === 'ftyp' ? OTHER_IMAGE_BRANDS[ascii(head, 8, 4)] : undefined;
  if (other) return { kind: 'photo', mimeType: other };
  const video = videoType(head);
  if (video) return { kind: 'video', mimeType: video };
  const byName = mimeTypeFor(fileName);
  return { kind: byName.startsWith('video/') ? 'video' : 'photo', mimeType: byName };
}
