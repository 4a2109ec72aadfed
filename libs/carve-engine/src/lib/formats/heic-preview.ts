import { exifr } from '../exifr.js';
import { BoundedReader } from '../bounded-reader.js';
import type { CarveSource } from '../byte-source.js';
import type { CarvedFile } from '../types.js';
import { largestViewableJpeg, type EmbeddedJpeg } from './shared/embedded-jpeg.js';
import { fileView } from './shared/file-view.js';
import { readHeifMeta, type HeifItem, type HeifMeta } from './shared/heif-meta.js';
import { walkTopLevel } from './shared/isobmff-top-level.js';

/** An Exif item holds EXIF metadata and at most a small thumbnail. */
const MAX_EXIF_ITEM = 1024 * 1024;

/**
 * A HEIF file's JPEG preview without decoding HEVC or AV1: a 'jpeg' item (a thumbnail of the primary
 * image, or the primary itself), else the thumbnail in the Exif item's IFD1. Undefined when neither exists.
 */
export async function heifPreview(source: CarveSource, file: Pick<CarvedFile, 'byteRuns' | 'size'>, signal?: AbortSignal): Promise<Buffer | undefined> {
  const view = fileView(source, file.byteRuns);
  const reader = new BoundedReader(view, 0, Math.min(file.size, view.size), signal);
  const meta = (await walkTopLevel(reader, 0)).boxes.find((b) => b.type === 'meta' && !b.toEnd);
  if (!meta) return undefined;
  const heif = await readHeifMeta(reader, meta);
  const jpegs = [...heif.items.values()].filter((item) => item.type === 'jpeg' && (item.id === heif.primary || isThumbnail(heif, item)));
  const candidates = jpegs.flatMap((item) => {
    const where = place(heif, item);
    return where ? [where] : [];
  });
  const jpeg = await largestViewableJpeg(reader, candidates);
  if (jpeg) return jpeg;
  const exif = [...heif.items.values()].find((item) => item.type === 'Exif');
  const where = exif && place(heif, exif);
  if (!where || where.length > MAX_EXIF_ITEM) return undefined;
  const data = await reader.bytes(where.pos, where.length);
  return data ? exifThumbnail(data) : undefined;
}

function isThumbnail(heif: HeifMeta, item: HeifItem): boolean {
  return heif.references.some((r) => r.type === 'thmb' && r.from === item.id);
}

/** Where a single-extent item's bytes are in the file (file offsets or inside idat); multi-extent items are skipped. */
function place(heif: HeifMeta, item: HeifItem): EmbeddedJpeg | undefined {
  const location = item.location;
  if (!location || location.dataReference !== 0 || location.extents.length !== 1) return undefined;
  const [extent] = location.extents;
  if (location.construction === 0) return { pos: extent.offset, length: extent.length };
  if (location.construction === 1 && heif.idat) return { pos: heif.idat.contentStart + extent.offset, length: extent.length };
  return undefined;
}

/**
 * An Exif item (23008-12 Annex A) is a 32-bit offset to the TIFF header, then the EXIF payload
 * (usually "Exif\0\0" and the TIFF structure); exifr reads the IFD1 thumbnail from the TIFF part.
 */
async function exifThumbnail(item: Buffer): Promise<Buffer | undefined> {
  if (item.length < 12) return undefined;
  const tiffAt = 4 + item.readUInt32BE(0);
  if (tiffAt + 8 > item.length) return undefined;
  try {
    const thumb = await exifr.thumbnail(Buffer.from(item.subarray(tiffAt)));
    return thumb && thumb.length > 4 && thumb[0] === 0xff && thumb[1] === 0xd8 ? Buffer.from(thumb) : undefined;
  } catch {
    return undefined;
  }
}
