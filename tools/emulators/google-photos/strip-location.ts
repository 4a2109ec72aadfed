import { ExifRewriteError, withoutGps } from './tiff-rewrite.js';

/**
 * What a =d download does to a photo: Google's access-media-items guide says `d` downloads the image "retaining
 * all the Exif metadata except the location metadata". So:
 * - JPEG: each APP1 Exif segment is rewritten without the GPS directory and IFD0's pointer to it
 *   (tiff-rewrite.ts), with its new (shorter) length; every other segment and all scan data stay as they are.
 * - HEIF (HEIC, AVIF): the guide does not say what happens to a HEIF photo's Exif item. We assume the same
 *   thing, done in place: the Exif item is rewritten without GPS and the rest of its extent filled with
 *   zeros, so `iloc` stays right and no other byte of the file moves.
 * Anything else, and a photo whose Exif does not parse, comes back as it is.
 */
export function stripLocation(bytes: Buffer): Buffer {
  try {
    if (bytes[0] === 0xff && bytes[1] === 0xd8) return stripJpeg(bytes);
    if (bytes.subarray(4, 8).toString('latin1') === 'ftyp') return stripHeif(bytes);
  } catch (error) {
    if (error instanceof ExifRewriteError || error instanceof RangeError) return bytes;
    throw error;
  }
  return bytes;
}

const EXIF_ID = Buffer.from('Exif\0\0', 'latin1');

function stripJpeg(bytes: Buffer): Buffer {
  const parts: Buffer[] = [bytes.subarray(0, 2)];
  let at = 2;
  while (at + 4 <= bytes.length && bytes[at] === 0xff) {
    const marker = bytes[at + 1] ?? 0;
    if (marker === 0xda || marker === 0xd9) break;
    if (marker === 0xff || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      const size = marker === 0xff ? 1 : 2;
      parts.push(bytes.subarray(at, at + size));
      at += size;
      continue;
    }
    const end = at + 2 + bytes.readUInt16BE(at + 2);
    if (end > bytes.length) break;
    if (marker === 0xe1 && bytes.subarray(at + 4, at + 10).equals(EXIF_ID)) {
      const tiff = withoutGps(bytes.subarray(at + 10, end));
      const head = Buffer.from([0xff, 0xe1, 0, 0]);
      head.writeUInt16BE(2 + EXIF_ID.length + tiff.length, 2);
      parts.push(head, EXIF_ID, tiff);
    } else parts.push(bytes.subarray(at, end));
    at = end;
  }
  parts.push(bytes.subarray(at));
  return Buffer.concat(parts);
}

interface Box {
  type: string;
  body: number;
  end: number;
}

function boxes(bytes: Buffer, start: number, end: number): Box[] {
  const list: Box[] = [];
  for (let at = start; at + 8 <= end; ) {
    const small = bytes.readUInt32BE(at);
    const size = small === 1 ? Number(bytes.readBigUInt64BE(at + 8)) : small === 0 ? end - at : small;
    if (size < 8 || at + size > end) throw new RangeError('a box runs past its parent');
    list.push({ type: bytes.subarray(at + 4, at + 8).toString('latin1'), body: at + (small === 1 ? 16 : 8), end: at + size });
    at += size;
  }
  return list;
}

/** The file offset and length of the Exif item, when it is one extent at a file offset (construction method 0). */
function exifExtent(bytes: Buffer, meta: Box): { at: number; length: number } | undefined {
  const children = boxes(bytes, meta.body + 4, meta.end);
  const iinf = children.find((b) => b.type === 'iinf');
  const iloc = children.find((b) => b.type === 'iloc');
  if (!iinf || !iloc) return undefined;
  const entries = boxes(bytes, iinf.body + 4 + (bytes[iinf.body] === 0 ? 2 : 4), iinf.end).filter((b) => b.type === 'infe' && (bytes[b.body] ?? 0) >= 2);
  const exif = entries.find((b) => bytes.subarray(b.body + 4 + (bytes[b.body] === 2 ? 4 : 6), b.body + 8 + (bytes[b.body] === 2 ? 4 : 6)).toString('latin1') === 'Exif');
  if (!exif) return undefined;
  const id = bytes[exif.body] === 2 ? bytes.readUInt16BE(exif.body + 4) : bytes.readUInt32BE(exif.body + 4);
  let at = iloc.body;
  const version = bytes[at] ?? 0;
  const [offsetSize, lengthSize, baseSize, indexSize] = [(bytes[at + 4] ?? 0) >> 4, (bytes[at + 4] ?? 0) & 15, (bytes[at + 5] ?? 0) >> 4, version > 0 ? (bytes[at + 5] ?? 0) & 15 : 0];
  const uint = (size: number) => {
    const value = size === 0 ? 0 : size === 8 ? Number(bytes.readBigUInt64BE(at)) : bytes.readUIntBE(at, size);
    at += size;
    return value;
  };
  at += 6;
  const count = uint(version < 2 ? 2 : 4);
  for (let i = 0; i < count; i++) {
    const itemId = uint(version < 2 ? 2 : 4);
    const method = version > 0 ? uint(2) & 15 : 0;
    uint(2);
    const base = uint(baseSize);
    const extents = Array.from({ length: uint(2) }, () => ({ index: uint(indexSize), offset: uint(offsetSize), length: uint(lengthSize) }));
    if (itemId === id) return method === 0 && extents.length === 1 && extents[0] ? { at: base + extents[0].offset, length: extents[0].length } : undefined;
  }
  return undefined;
}

function stripHeif(bytes: Buffer): Buffer {
  const meta = boxes(bytes, 0, bytes.length).find((b) => b.type === 'meta');
  const extent = meta && exifExtent(bytes, meta);
  if (!extent || extent.length < 4 || extent.at + extent.length > bytes.length) return bytes;
  const item = bytes.subarray(extent.at, extent.at + extent.length);
  const tiffAt = 4 + item.readUInt32BE(0);
  const tiff = withoutGps(item.subarray(tiffAt));
  if (tiff.length > item.length - tiffAt) throw new ExifRewriteError('the rewritten Exif does not fit the item');
  const out = Buffer.from(bytes);
  tiff.copy(out, extent.at + tiffAt);
  out.fill(0, extent.at + tiffAt + tiff.length, extent.at + extent.length);
  return out;
}
