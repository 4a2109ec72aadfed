import type { BoundedReader } from '../../bounded-reader.js';
import type { FileKind, FormatMatch, ValidationState } from '../../types.js';
import { checkIndex, unreferencedMediaData } from './isobmff-index.js';
import { walkTopLevel } from './isobmff-top-level.js';
import { fourcc } from './isobmff.js';

export interface IsobmffNeeds {
  /** What the file is nothing without: a movie (moov: video, CR3) or an image index (meta, or a moov for image sequences). */
  readonly needs: 'movie' | 'image';
  readonly kind?: FileKind;
  /** No ftyp vouches for the file: without a moov (whole, or the box the data ends in) it is a false start. */
  readonly requireMovie?: boolean;
}

/** Boxes that say nothing about the file by themselves. */
const FILLER = new Set(['ftyp', 'free', 'skip', 'wide']);

/**
 * Finds the end of an ISO base media file that starts at `start` as the sum of its top-level boxes, then
 * checks its index: the movie (mvhd, track chunk offsets) or the HEIF meta (items and their extents),
 * whose data must lie inside the file. Complete when the index is whole and points inside; truncated
 * when the source ends first; corrupt when the structure breaks mid-file (cut at the last whole box).
 * Media data past the last byte the index points at is payload (see unreferencedMediaData).
 */
export async function matchIsobmff(reader: BoundedReader, start: number, needs: IsobmffNeeds): Promise<FormatMatch | null> {
  const walk = await walkTopLevel(reader, start);
  const { stop } = walk;
  if (walk.boxes.length === 0 && stop.kind !== 'inside') return null;
  if (needs.requireMovie && !walk.boxes.some((b) => b.type === 'moov') && !(stop.kind === 'inside' && stop.box.type === 'moov')) return null;
  const index = await checkIndex(reader, walk, start, needs.needs);
  const reasons: string[] = [];
  let end = walk.end;
  let state: ValidationState = 'complete';
  const limit = `the ${reader.end - start}-byte size limit`;
  if (stop.kind === 'inside') {
    end = reader.end;
    state = reader.endIsSourceEnd ? 'truncated' : 'corrupt';
    const box = `the ${fourcc(stop.box.type)} box at ${stop.box.start} (${stop.box.end - stop.box.start} bytes)`;
    reasons.push(reader.endIsSourceEnd ? `the source ends inside ${box}, ${reader.end - stop.box.start} bytes into it` : `${box} runs past ${limit}`);
  } else if (stop.kind === 'to-end') {
    // Size 0 means "to the end of the file", which a disk does not tell: the index bounds it, if any.
    const size0 = `the last box, ${fourcc(stop.box.type)} at ${stop.box.start}, has size 0 ("to the end of the file")`;
    const dataEnd = index.dataEnd !== undefined && index.dataEnd >= stop.box.contentStart ? index.dataEnd : undefined;
    end = Math.min(dataEnd ?? reader.end, reader.end);
    if (dataEnd === undefined) {
      state = 'corrupt';
      reasons.push(`${size0} and no index bounds it: kept up to the end of the data (${end - start} bytes)`);
    } else if (dataEnd > reader.end) {
      state = reader.endIsSourceEnd ? 'truncated' : 'corrupt';
      reasons.push(`${size0}; its index points at data up to ${dataEnd}, past ${reader.endIsSourceEnd ? 'the end of the source' : limit}`);
    } else {
      reasons.push(`${size0}: the file is cut after the last byte its index points at`);
    }
  } else if (stop.kind === 'too-many') {
    state = 'corrupt';
    reasons.push(`more than ${walk.boxes.length} top-level boxes; cut at ${stop.at}`);
  }
  const missing = [...index.missing];
  if (index.dataEnd !== undefined && index.dataEnd > end && stop.kind !== 'inside' && stop.kind !== 'to-end') {
    missing.push(`the index points at media data up to ${index.dataEnd}, past the file's end at ${end}`);
  }
  let last: string | undefined;
  if (state === 'complete' && (missing.length > 0 || index.broken.length > 0)) {
    if (stop.kind === 'foreign' && !walk.boxes.some((b) => !FILLER.has(b.type))) return null;
    // What is missing may be in bytes the source does not have; a broken index is damage either way.
    if (index.broken.length === 0 && stop.kind === 'data-end' && reader.endIsSourceEnd) {
      state = 'truncated';
      end = reader.end;
      last = `the source ends at ${reader.end}, before the file is whole`;
    } else {
      state = 'corrupt';
      if (missing.length > 0) last = stop.kind === 'foreign' ? `cut at ${stop.at}: ${stop.reason}` : `cut at ${end}: no more data within ${limit}`;
    }
  }
  const payload = unreferencedMediaData(walk, index);
  return {
    length: end - start,
    validation: { state, reasons: [...reasons, ...index.broken, ...missing, ...(last ? [last] : [])] },
    ...(payload.length > 0 ? { payload } : {}),
    ...(index.dimensions ? { dimensions: index.dimensions } : {}),
    ...(needs.kind ? { kind: needs.kind } : {}),
  };
}
