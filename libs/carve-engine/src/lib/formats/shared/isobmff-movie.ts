import type { BoundedReader } from '../../bounded-reader.js';
import { chunkExtent } from './isobmff-chunks.js';
import { descend, readChildren, type Box } from './isobmff.js';

export interface Dimensions {
  readonly width: number;
  readonly height: number;
}

/** What a movie box (moov) says about the file it indexes. */
export interface MovieCheck {
  /** Missing or broken essentials: no mvhd, unreadable track tables. */
  readonly problems: string[];
  /** The end (absolute) of the media data the tracks point at, when they point at any. */
  readonly dataEnd?: number;
  /** Where (absolute) the chunk that ends last starts. */
  readonly lastChunk?: number;
  /** The first visual track's size (tkhd width and height). */
  readonly dimensions?: Dimensions;
  readonly tracks: number;
  /**
   * True when `dataEnd` is the end of the last byte the tracks reference: every track's tables were read
   * and the size of its last chunk is known, and the movie is not fragmented (moof boxes place samples
   * the moov does not list).
   */
  readonly exact: boolean;
}

/**
 * Checks a whole moov of the file that starts at `fileStart`: a movie header (mvhd, or cmov: an old
 * QuickTime compressed movie), and each track's chunk tables, whose offsets count from the file's start.
 */
export async function checkMovie(reader: BoundedReader, moov: Box, fileStart: number): Promise<MovieCheck> {
  const children = await readChildren(reader, moov);
  const problems: string[] = children.problem ? [`moov: ${children.problem}`] : [];
  if (!children.boxes.some((b) => b.type === 'mvhd' || b.type === 'cmov')) problems.push(`the moov at ${moov.start} has no movie header (mvhd)`);
  let exact = !children.problem && !children.boxes.some((b) => b.type === 'mvex' || b.type === 'cmov');
  let dataEnd: number | undefined;
  let lastChunk: number | undefined;
  let dimensions: Dimensions | undefined;
  const tracks = children.boxes.filter((b) => b.type === 'trak');
  for (const [i, trak] of tracks.entries()) {
    const parts = await readChildren(reader, trak);
    const tkhd = parts.boxes.find((b) => b.type === 'tkhd');
    dimensions ??= tkhd ? await trackSize(reader, tkhd) : undefined;
    const stbl = await descend(reader, trak, ['mdia', 'minf', 'stbl']);
    if (parts.problem || !stbl) exact = false;
    if (!stbl) continue;
    const tables = await readChildren(reader, stbl);
    const extent = await chunkExtent(reader, tables.boxes);
    if (tables.problem || typeof extent !== 'object' || (extent.chunks > 0 && extent.lastSize === undefined)) exact = false;
    if (typeof extent === 'string') problems.push(`track ${i + 1}: ${extent}`);
    else if (extent && extent.chunks > 0) {
      const end = fileStart + extent.lastOffset + Math.max(1, extent.lastSize ?? 1);
      if (end > (dataEnd ?? -1)) [dataEnd, lastChunk] = [end, fileStart + extent.lastOffset];
    }
  }
  const data = dataEnd === undefined || lastChunk === undefined ? {} : { dataEnd, lastChunk };
  return { problems, tracks: tracks.length, exact: exact && problems.length === 0, ...data, ...(dimensions ? { dimensions } : {}) };
}

/** tkhd (§8.3.2) ends with width and height as 16.16 fixed point; 0×0 for sound and metadata tracks. */
async function trackSize(reader: BoundedReader, tkhd: Box): Promise<Dimensions | undefined> {
  const version = await reader.byte(tkhd.contentStart);
  const at = tkhd.contentStart + (version === 1 ? 88 : 76);
  if (at + 8 > tkhd.end) return undefined;
  const b = await reader.bytes(at, 8);
  if (b === null) return undefined;
  const width = Math.round(b.readUInt32BE(0) / 65536);
  const height = Math.round(b.readUInt32BE(4) / 65536);
  return width > 0 && height > 0 ? { width, height } : undefined;
}
