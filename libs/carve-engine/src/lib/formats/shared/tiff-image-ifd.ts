import type { EmbeddedJpeg } from './embedded-jpeg.js';
import type { TiffVariant } from './tiff-header.js';
import type { Ifd, IfdEntry, TiffView } from './tiff-ifd.js';
import { JPEG_COMPRESSIONS, RAW_COMPRESSIONS, RAW_PHOTOMETRICS, TAG } from './tiff-tags.js';
import type { Visit } from './tiff-walk.js';

/** What the image IFDs tell about the file: who made it, whether it is sensor data, its previews. */
export interface ImageFacts {
  make?: string;
  model?: string;
  /** IFD0 carries DNGVersion. */
  dng: boolean;
  /**
   * Some image holds sensor data (CFA or LinearRaw photometric, or a camera maker's raw compression), or
   * IFD0 is laid out as RAWs lay it out.
   */
  raw: boolean;
  ifd0Compression?: number;
  /** The largest image the IFDs describe (a RAW's sensor, a TIFF's first page). */
  dimensions?: { width: number; height: number };
  /** JPEG streams the file holds (previews, thumbnails; also lossless raw data in JPEG wrappers). */
  readonly jpegs: EmbeddedJpeg[];
}

const MAX_EDGE = 1_000_000;

/**
 * Reads an image IFD: claims its strips, tiles and JPEG stream, notes its size, compression and (for
 * IFD0) make, model and DNGVersion, and returns its SubIFD offsets. Panasonic RW2 keeps the raw data's
 * offset in RawDataOffset and a whole JPEG in JpgFromRaw; its sensor size in tags 2–7.
 */
export async function readImageIfd(visit: Visit, ifd: Ifd, facts: ImageFacts, variant: TiffVariant): Promise<number[]> {
  const { view, soft, label } = visit;
  const e = ifd.entries;
  const num = (tag: number): Promise<number | undefined> => view.number(e.get(tag), `${label} tag 0x${tag.toString(16)}`, soft);
  const compression = await num(TAG.compression);
  const rw2Ifd0 = variant === 'rw2' && visit.chainIndex === 0;
  if (!soft) {
    const photometric = await num(TAG.photometric);
    if ((photometric !== undefined && RAW_PHOTOMETRICS.has(photometric)) || (compression !== undefined && RAW_COMPRESSIONS.has(compression))) facts.raw = true;
    noteSize(facts, await num(TAG.imageWidth), await num(TAG.imageLength));
  }
  if (visit.chainIndex === 0) {
    facts.make = await view.text(e.get(TAG.make));
    facts.model = await view.text(e.get(TAG.model));
    facts.dng = e.has(TAG.dngVersion);
    facts.ifd0Compression = compression;
    // RAW layouts even when the sensor data's IFD is out of reach: a reduced IFD0 whose full image lives
    // in a SubIFD (NEF, ARW, PEF), or Sony's SR2Private pointer outside a DNG.
    if (((await num(TAG.newSubfileType)) === 1 && e.has(TAG.subIfds)) || (e.has(TAG.dngPrivateData) && !facts.dng)) facts.raw = true;
    if (rw2Ifd0) {
      const [top, left, bottom, right] = [await num(TAG.rw2TopBorder), await num(TAG.rw2LeftBorder), await num(TAG.rw2BottomBorder), await num(TAG.rw2RightBorder)];
      if (top !== undefined && left !== undefined && bottom !== undefined && right !== undefined) noteSize(facts, right - left, bottom - top);
      else noteSize(facts, await num(TAG.rw2SensorWidth), await num(TAG.rw2SensorHeight));
    }
  }
  const offsetsTag = rw2Ifd0 && e.has(TAG.rw2RawDataOffset) ? TAG.rw2RawDataOffset : TAG.stripOffsets;
  // JPEG-compressed (7) strips and tiles are whole JPEG streams: each must start with SOI.
  const jpegParts = compression === 7;
  const strips = await claimParts(view, e.get(offsetsTag), e.get(TAG.stripByteCounts), `${label} strip`, soft, jpegParts);
  if (strips.count === 1 && strips.first && compression !== undefined && JPEG_COMPRESSIONS.has(compression)) facts.jpegs.push(strips.first);
  await claimParts(view, e.get(TAG.tileOffsets), e.get(TAG.tileByteCounts), `${label} tile`, soft, jpegParts);
  // Old-style JPEG TIFFs may name the stream without its length: an oddity, not damage.
  const jpeg = await claimParts(view, e.get(TAG.jpegOffset), e.get(TAG.jpegLength), `${label} JPEG stream`, soft || !e.has(TAG.jpegLength), true);
  if (jpeg.first) facts.jpegs.push(jpeg.first);
  const blob = rw2Ifd0 ? e.get(TAG.rw2JpgFromRaw) : undefined;
  if (blob && !blob.inline && blob.valuePos + blob.byteLength <= view.reader.end) facts.jpegs.push({ pos: blob.valuePos, length: blob.byteLength });
  const subIfds = e.get(TAG.subIfds);
  return subIfds ? ((await view.numbers(subIfds, `${label} SubIFDs`, soft)) ?? []) : [];
}

/**
 * Claims the parts an offsets field and a byte-counts field describe (strips, tiles, a JPEG stream).
 * A part that must be a JPEG stream but holds no SOI where it can be read was overwritten (or the
 * offset is garbage): it is left out, so it cannot stretch the file over what follows.
 * Returns how many were claimed and the first of them.
 */
async function claimParts(view: TiffView, offsets: IfdEntry | undefined, counts: IfdEntry | undefined, what: string, soft: boolean, jpeg = false): Promise<{ count: number; first?: EmbeddedJpeg }> {
  if (!offsets) return { count: 0 };
  if (!counts) {
    view.extent.problem(`${what} offsets come without byte counts: where the data ends is unknown`, soft);
    return { count: 0 };
  }
  const starts = await view.numbers(offsets, `${what} offsets`, soft);
  const lengths = await view.numbers(counts, `${what} byte counts`, soft);
  if (!starts || !lengths) return { count: 0 };
  if (starts.length !== lengths.length) view.extent.problem(`${what}s: ${starts.length} offsets but ${lengths.length} byte counts`, soft);
  let count = 0;
  let first: EmbeddedJpeg | undefined;
  for (let i = 0; i < Math.min(starts.length, lengths.length); i++) {
    if (lengths[i] === 0) continue;
    if (starts[i] < view.headerSize) {
      view.extent.problem(`${what} ${i} points into the header (${starts[i]})`, soft);
      continue;
    }
    const pos = view.base + starts[i];
    if (jpeg && !(await startsLikeJpeg(view, pos, lengths[i]))) {
      view.extent.problem(`${what} ${i} (at ${pos - view.extent.start}) holds no JPEG stream`, soft);
      continue;
    }
    if (!view.extent.claim(pos, lengths[i], `${what} ${i}`, soft)) continue;
    // Pixel data the walk cannot verify; a JPEG stream (a CR2's preview strip, lossless raw) is walked
    // as a JPEG, and its EXIF block holds a TIFF header that must not count as a foreign file.
    if (!jpeg && !(await startsLikeJpeg(view, pos, lengths[i]))) view.extent.payload(pos, lengths[i]);
    count++;
    first ??= { pos, length: lengths[i] };
  }
  return { count, first };
}

/** True when the bytes at `pos` start with a JPEG SOI, or cannot be read (past the source's end). */
async function startsLikeJpeg(view: TiffView, pos: number, length: number): Promise<boolean> {
  if (length < 2) return false;
  const soi = await view.reader.bytes(pos, 2);
  return soi === null || (soi[0] === 0xff && soi[1] === 0xd8);
}

function noteSize(facts: ImageFacts, width: number | undefined, height: number | undefined): void {
  if (!width || !height || width < 0 || height < 0 || width > MAX_EDGE || height > MAX_EDGE) return;
  const known = facts.dimensions;
  if (!known || width * height > known.width * known.height) facts.dimensions = { width, height };
}
