import type { BoundedReader } from '../../bounded-reader.js';
import { fourcc, readBox, type Box } from './isobmff.js';

/**
 * Box types that may stand at the top level of a file: ISO/IEC 14496-12 (ftyp, pdin, moov, moof, mfra,
 * mdat, free, skip, meta, meco, sidx, ssix, styp, prft, emsg, uuid), QuickTime (wide, pnot, PICT) and the
 * Samsung motion-photo trailer of HEIC files (mpvd: the video, sefd: Samsung's extra data).
 */
export const TOP_LEVEL_TYPES: ReadonlySet<string> = new Set([
  'ftyp', 'pdin', 'moov', 'moof', 'mfra', 'mdat', 'free', 'skip', 'meta', 'meco', 'sidx', 'ssix', 'styp', 'prft', 'emsg', 'uuid',
  'wide', 'pnot', 'PICT', 'mpvd', 'sefd',
]);
/** Boxes a file has only once: a second one is the start of another file. */
const ONCE = new Set(['ftyp', 'moov', 'meta']);
/** Fragmented video has two top-level boxes per fragment; hours of 1-second fragments stay below this. */
export const MAX_TOP_LEVEL_BOXES = 1 << 17;
const MAX_FTYP = 1024;
const MAX_INDEX_BOX = 1024 * 1024 * 1024;

/** Why the walk stopped. */
export type TopLevelStop =
  /** The next bytes are not a box of this file: its end, or damage. */
  | { readonly kind: 'foreign'; readonly at: number; readonly reason: string }
  /** The data ends at a box boundary (maybe with fewer than 8 bytes after it). */
  | { readonly kind: 'data-end'; readonly at: number }
  /** The data (source or size limit) ends inside this box. */
  | { readonly kind: 'inside'; readonly box: Box }
  /** A size-0 box: it runs to the end of the file, which nothing tells. */
  | { readonly kind: 'to-end'; readonly box: Box }
  | { readonly kind: 'too-many'; readonly at: number };

export interface TopLevelWalk {
  /** The whole top-level boxes, in order (a size-0 box last, when there is one). */
  readonly boxes: readonly Box[];
  /** The end of the last whole box. */
  readonly end: number;
  readonly stop: TopLevelStop;
}

/**
 * Walks the top-level boxes from `start` (the first box is taken as the descriptor's header check
 * accepted it) until one cannot belong to the file, a size-0 box, or the end of the data.
 */
export async function walkTopLevel(reader: BoundedReader, start: number): Promise<TopLevelWalk> {
  const boxes: Box[] = [];
  const seen = new Set<string>();
  let pos = start;
  const stop = (s: TopLevelStop): TopLevelWalk => ({ boxes, end: pos, stop: s });
  for (;;) {
    if (boxes.length >= MAX_TOP_LEVEL_BOXES) return stop({ kind: 'too-many', at: pos });
    if (reader.end - pos < 8) return stop({ kind: 'data-end', at: pos });
    const read = await readBox(reader, pos, reader.end);
    if (read.kind === 'out-of-data') return stop({ kind: 'data-end', at: pos });
    if (read.kind === 'invalid') return stop({ kind: 'foreign', at: pos, reason: read.reason });
    const box = read.box;
    const problem = topLevelProblem(box, seen, boxes.length === 0);
    if (problem && !(await isVendorBox(reader, box))) return stop({ kind: 'foreign', at: pos, reason: problem });
    if (box.toEnd) {
      boxes.push(box);
      return stop({ kind: 'to-end', box });
    }
    if (box.end > reader.end) return stop({ kind: 'inside', box });
    boxes.push(box);
    seen.add(box.type);
    pos = box.end;
  }
}

/**
 * A maker's own top-level box (an alphanumeric type nobody documents) is kept when it fits and a
 * known top-level box follows it right away: random bytes pass both tests about once in 10^11.
 */
async function isVendorBox(reader: BoundedReader, box: Box): Promise<boolean> {
  if (TOP_LEVEL_TYPES.has(box.type) || !/^[A-Za-z0-9 ]{4}$/.test(box.type) || box.toEnd || box.end + 8 > reader.end) return false;
  const next = await readBox(reader, box.end, reader.end);
  return next.kind === 'box' && next.box.type !== 'ftyp' && TOP_LEVEL_TYPES.has(next.box.type);
}

function topLevelProblem(box: Box, seen: ReadonlySet<string>, first: boolean): string | undefined {
  const { type, start } = box;
  const size = box.end - box.start;
  if (!TOP_LEVEL_TYPES.has(type)) return `${fourcc(type)} at ${start} is not a top-level box`;
  if (!first && ONCE.has(type) && seen.has(type)) return `a second ${fourcc(type)} box at ${start} (another file starts there)`;
  if (type === 'ftyp' && (!first || box.toEnd || size < 16 || size > MAX_FTYP)) return `${first ? 'an' : 'another'} ftyp of ${size} bytes at ${start}`;
  if ((type === 'moov' || type === 'meta') && (box.toEnd || size > MAX_INDEX_BOX)) return `${fourcc(type)} box at ${start} claims ${box.toEnd ? 'the rest of the file' : `${size} bytes`}`;
  return undefined;
}
