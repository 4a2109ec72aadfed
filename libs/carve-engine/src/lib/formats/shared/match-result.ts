import type { BoundedReader } from '../../bounded-reader.js';
import type { FormatMatch } from '../../types.js';

/** What a walk knows besides the length: the pixel size and the real kind. */
export type MatchExtras = Pick<FormatMatch, 'dimensions' | 'kind'>;

function withExtras(match: Pick<FormatMatch, 'length' | 'validation'>, extras: MatchExtras): FormatMatch {
  return {
    ...match,
    ...(extras.dimensions ? { dimensions: extras.dimensions } : {}),
    ...(extras.kind ? { kind: extras.kind } : {}),
  };
}

/** The structure ended where it should. */
export function completeMatch(length: number, extras: MatchExtras = {}): FormatMatch {
  return withExtras({ length, validation: { state: 'complete', reasons: [] } }, extras);
}

/** Something invalid mid-file: the file is cut at `length` bytes, its last valid point. */
export function corruptMatch(length: number, reason: string, extras: MatchExtras = {}): FormatMatch {
  return withExtras({ length, validation: { state: 'corrupt', reasons: [reason] } }, extras);
}

/**
 * The readable bytes ran out before `what` (e.g. "its IEND chunk"): truncated when that is the source's
 * end (the finding keeps the bytes there are), corrupt when it is the format's size limit.
 */
export function outOfBytes(reader: BoundedReader, start: number, what: string, extras: MatchExtras = {}): FormatMatch {
  const length = reader.end - start;
  if (reader.endIsSourceEnd) {
    return withExtras({ length, validation: { state: 'truncated', reasons: [`the source ends ${length} bytes into the file, before ${what}`] } }, extras);
  }
  return corruptMatch(length, `${what} is not within the ${length}-byte size limit`, extras);
}
