import type { BoundedReader } from '../../bounded-reader.js';
import type { ByteRun } from '../../types.js';
import { readHeifMeta } from './heif-meta.js';
import { checkMovie, type Dimensions } from './isobmff-movie.js';
import type { TopLevelWalk } from './isobmff-top-level.js';
import type { Box } from './isobmff.js';

/** What a file's index (its movie box, its HEIF meta box) says about the file. */
export interface Index {
  /** Damage in the index boxes (bad tables, no movie header). */
  readonly broken: readonly string[];
  /** Parts the file needs but does not have (maybe in bytes the source does not hold). */
  readonly missing: readonly string[];
  /** The end (absolute) of the media data the index points at, when it points at any. */
  readonly dataEnd?: number;
  /**
   * True when `dataEnd` is known to the byte: every sample table and item location was read, every
   * last chunk's size is known, nothing is placed by movie fragments or runs "to the end of the file".
   */
  readonly exact: boolean;
  readonly dimensions?: Dimensions;
}

/** Reads the movie and/or meta box among the whole top-level boxes of the file that starts at `start`. */
export async function checkIndex(reader: BoundedReader, walk: TopLevelWalk, start: number, needs: 'movie' | 'image'): Promise<Index> {
  const whole = walk.boxes.filter((b) => !b.toEnd);
  const moov = whole.find((b) => b.type === 'moov');
  const meta = needs === 'image' ? whole.find((b) => b.type === 'meta') : undefined;
  const broken: string[] = [];
  const missing: string[] = [];
  let dataEnd: number | undefined;
  let dimensions: Dimensions | undefined;
  let exact = (moov !== undefined || meta !== undefined) && !walk.boxes.some((b) => b.type === 'moof');
  if (moov) {
    const movie = await checkMovie(reader, moov, start);
    broken.push(...movie.problems);
    ({ dataEnd, dimensions } = movie);
    exact &&= movie.exact;
    // Media data lives in mdat boxes: the chunk that ends last must lie in one (when it lies in the file at all).
    const { lastChunk } = movie;
    const inMdat = (b: Box): boolean => b.type === 'mdat' && lastChunk !== undefined && dataEnd !== undefined && lastChunk >= b.contentStart && dataEnd <= b.end;
    if (lastChunk !== undefined && dataEnd !== undefined && dataEnd <= walk.end && !walk.boxes.some(inMdat)) {
      broken.push(`the last chunk of media data (${lastChunk} to ${dataEnd}) lies outside every mdat box`);
    }
  }
  if (meta) {
    const heif = await readHeifMeta(reader, meta);
    broken.push(...heif.problems);
    for (const item of heif.items.values()) {
      const location = item.location;
      if (!location || location.construction !== 0 || location.dataReference !== 0) continue;
      for (const extent of location.extents) {
        // Length 0: the extent runs to the end of the file, which a disk does not tell.
        if (extent.length === 0) exact = false;
        dataEnd = Math.max(dataEnd ?? 0, start + extent.offset + Math.max(1, extent.length));
      }
    }
    dimensions = heif.primarySize ?? dimensions;
  }
  if (needs === 'movie' && !moov) missing.push('no movie box (moov), the index of the media data');
  if (needs === 'image' && !meta && !moov) missing.push('no meta box, the index of the image items');
  exact &&= broken.length === 0 && missing.length === 0;
  return { broken, missing, exact, ...(dataEnd === undefined ? {} : { dataEnd }), ...(dimensions ? { dimensions } : {}) };
}

/**
 * The media data no index entry points at: each mdat box's bytes after the last byte the index
 * references (the whole box when it lies after it). A complete file starting there shows the mdat claims
 * too much (a movie cut short whose mdat size still names the old length, other photos written over
 * it), and the engine cuts the file there. Never the samples themselves: an MJPEG movie's samples are
 * whole JPEGs. Only an exact index tells where its data ends; otherwise nothing is reported. Each run
 * starts at the last referenced byte (or the mdat's header), so a file right after it lies strictly inside.
 */
export function unreferencedMediaData(walk: TopLevelWalk, index: Index): ByteRun[] {
  if (!index.exact) return [];
  const mdats = walk.boxes.filter((b) => b.type === 'mdat' && !b.toEnd);
  if (walk.stop.kind === 'inside' && walk.stop.box.type === 'mdat') mdats.push(walk.stop.box);
  const runs: ByteRun[] = [];
  for (const mdat of mdats) {
    const from = index.dataEnd !== undefined && index.dataEnd > mdat.start ? index.dataEnd - 1 : mdat.start;
    if (mdat.end - from > 1) runs.push({ offset: from, length: mdat.end - from });
  }
  return runs;
}
