import { ExifrReaderClass } from './exifr.js';
import { exifDateToIso } from './exif-date.js';
import type { MediaMetadata } from './types.js';

/** exifr's error for a file type it does not parse (not damage: the type has no EXIF reader). */
const EXIFR_UNKNOWN_FORMAT = 'Unknown file format';

/** How much of a file's start metadata is read from. */
export const HEAD_BYTES = 128 * 1024;

export interface MetadataRead {
  readonly metadata: MediaMetadata;
  readonly hasThumbnail: boolean;
  /** Problems met while reading; metadata that cannot be read is a reason, never a failure. */
  readonly reasons: string[];
}

const EXIFR_OPTIONS = {
  tiff: true,
  exif: true,
  gps: true,
  ifd1: true,
  interop: false,
  xmp: false,
  icc: false,
  iptc: false,
  jfif: false,
  ihdr: false,
  makerNote: false,
  userComment: false,
  // Raw values: EXIF dates stay strings (no zone guessing), orientation stays a number.
  reviveValues: false,
  translateValues: false,
  mergeOutput: true,
};

/**
 * EXIF metadata from the head of a file (the first HEAD_BYTES are enough for an APP1 segment). One
 * exifr reader parses the tags and then finds the IFD1 thumbnail in the same segments, where exifr's
 * `thumbnail()` would read and parse the head a second time (and copy the thumbnail out).
 */
export async function readMetadata(head: Buffer): Promise<MetadataRead> {
  // exifr takes every file starting 'II'/'MM' for a TIFF; Canon's CIFF (CRW) only shares the byte order.
  if (head.length >= 14 && head.toString('latin1', 6, 14) === 'HEAPCCDR') return { metadata: toMetadata({}), hasThumbnail: false, reasons: [] };
  const reasons: string[] = [];
  let tags: Record<string, unknown> = {};
  const reader = new ExifrReaderClass(EXIFR_OPTIONS);
  try {
    await reader.read(head);
    const parsed: unknown = await reader.parse();
    if (isRecord(parsed)) tags = parsed;
  } catch (error) {
    // exifr reads JPEG, TIFF, HEIF, PNG…; for other types (video, CR3) there is simply no metadata here.
    if (messageOf(error) !== EXIFR_UNKNOWN_FORMAT) reasons.push(`metadata unreadable: ${messageOf(error)}`);
  }
  if (Array.isArray(tags['errors']) && tags['errors'].length > 0) {
    reasons.push(`metadata partly unreadable: ${tags['errors'].map(messageOf).join('; ')}`);
  }
  return { metadata: toMetadata(tags), hasThumbnail: startsLikeJpeg(await thumbnailOf(reader)), reasons };
}

/**
 * The embedded EXIF (IFD1) thumbnail, when there is one that starts like a JPEG: a copy, since exifr
 * hands out a view of `head`, which may be a view of a scan's reused chunk.
 */
export async function embeddedThumbnail(head: Buffer): Promise<Buffer | undefined> {
  const reader = new ExifrReaderClass(EXIFR_OPTIONS);
  try {
    await reader.read(head);
  } catch {
    return undefined;
  }
  const thumbnail = await thumbnailOf(reader);
  return startsLikeJpeg(thumbnail) ? Buffer.from(thumbnail) : undefined;
}

async function thumbnailOf(reader: InstanceType<typeof ExifrReaderClass>): Promise<Uint8Array | undefined> {
  try {
    return await reader.extractThumbnail();
  } catch {
    return undefined;
  }
}

function startsLikeJpeg(data: Uint8Array | undefined): data is Uint8Array {
  return data !== undefined && data.length >= 4 && data[0] === 0xff && data[1] === 0xd8;
}

function toMetadata(tags: Record<string, unknown>): MediaMetadata {
  const takenAt =
    exifDateToIso(tags['DateTimeOriginal'], tags['OffsetTimeOriginal']) ??
    exifDateToIso(tags['CreateDate'], tags['OffsetTimeDigitized']) ??
    exifDateToIso(tags['ModifyDate'], tags['OffsetTime']);
  const latitude = tags['latitude'];
  const longitude = tags['longitude'];
  const gps =
    typeof latitude === 'number' && typeof longitude === 'number' && Math.abs(latitude) <= 90 && Math.abs(longitude) <= 180
      ? { latitude, longitude }
      : undefined;
  const orientation = tags['Orientation'];
  return dropUndefined({
    takenAt,
    make: text(tags['Make']),
    model: text(tags['Model']),
    lens: text(tags['LensModel']) ?? text(tags['Lens']),
    width: positiveInt(tags['ExifImageWidth']),
    height: positiveInt(tags['ExifImageHeight']),
    orientation: Number.isInteger(orientation) && (orientation as number) >= 1 && (orientation as number) <= 8 ? (orientation as number) : undefined,
    gps,
  });
}

function text(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  // eslint-disable-next-line no-control-regex
  const clean = value.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return clean.length > 0 ? clean.slice(0, 128) : undefined;
}

function positiveInt(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined;
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
