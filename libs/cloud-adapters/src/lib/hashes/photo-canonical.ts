import { exifRecord, Malformed, record } from './canonical-record.js';
import { renderHeif } from './heif-canonical.js';

/**
 * The bytes a location-neutral digest is taken over, for a JPEG or a HEIF image (HEIC, AVIF) held whole in
 * memory: the file as it is, except that every Exif block is rendered without its location
 * (exif-canonical.ts) and where the Exif block sits in the file does not count. Each piece is a record (a
 * kind byte, a 32-bit length, the bytes), so no two different files render alike by running pieces together.
 *
 * JPEG (ITU T.81 B.1.1): the marker segments before the first scan one by one — an APP1 Exif segment
 * rendered (its length field is layout too), every other segment (tables, frame header, ICC, XMP, MPF…) byte for byte — then every byte from
 * the first SOS to the end of the file as it is: all scan data, later tables, EOI and anything appended.
 *
 * HEIF (ISO/IEC 23008-12, ISO BMFF boxes): the top-level boxes in order, byte for byte, except: `meta` by
 * its children, where `iloc` (where each item's bytes are) is replaced by each item's own bytes (the Exif
 * item rendered, every other item — image tiles, thumbnails, XMP — byte for byte) and `idat` is left to
 * the items it holds; `mdat` by those items only; `free`/`skip` padding not at all. So not compared in a
 * HEIF: offsets, padding, and bytes of an `mdat` that no item uses.
 *
 * Answers undefined when the file is neither, or does not parse as one (then the raw bytes are compared).
 */
export function canonicalPhoto(bytes: Buffer): Buffer[] | undefined {
  try {
    if (isJpeg(bytes)) return renderJpeg(bytes);
    if (isHeif(bytes)) return renderHeif(bytes);
  } catch (error) {
    if (error instanceof Malformed) return undefined;
    throw error;
  }
  return undefined;
}

/** Brands of HEIF still images and collections (HEIF §10, AVIF §9): a file of another brand is a video. */
const IMAGE_BRANDS = new Set(['mif1', 'mif2', 'heic', 'heix', 'heim', 'heis', 'avif', 'avio', 'jpeg', 'j2ki', 'vvic']);

export function isJpeg(head: Buffer): boolean {
  return head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff;
}

/** An ISO BMFF file whose ftyp names a HEIF image brand, major or compatible. */
export function isHeif(head: Buffer): boolean {
  if (head.length < 16 || head.subarray(4, 8).toString('latin1') !== 'ftyp') return false;
  const end = Math.min(head.length, head.readUInt32BE(0));
  for (let at = 8; at + 4 <= end; at += at === 8 ? 8 : 4) if (IMAGE_BRANDS.has(head.subarray(at, at + 4).toString('latin1'))) return true;
  return false;
}

/** The JPEG rendering: segments up to the first SOS one by one (Exif without location), then the rest as it is. */
function renderJpeg(bytes: Buffer): Buffer[] {
  const out = record('J', bytes.subarray(0, 2));
  let at = 2;
  while (at + 4 <= bytes.length && bytes[at] === 0xff) {
    const marker = bytes[at + 1] ?? 0;
    if (marker === 0xff) {
      out.push(...record('S', bytes.subarray(at, at + 1)));
      at += 1;
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      out.push(...record('S', bytes.subarray(at, at + 2)));
      at += 2;
      continue;
    }
    const length = bytes.readUInt16BE(at + 2);
    if (marker === 0xda || marker === 0xd8 || marker === 0xd9 || length < 2 || at + 2 + length > bytes.length) break;
    const end = at + 2 + length;
    const exif = marker === 0xe1 && bytes.subarray(at + 4, at + 9).toString('latin1') === 'Exif\0';
    out.push(...(exif ? [...record('E', bytes.subarray(at + 4, at + 10)), ...exifRecord(bytes.subarray(at + 10, end))] : record('S', bytes.subarray(at, end))));
    at = end;
  }
  out.push(...record('R', bytes.subarray(at)));
  return out;
}
