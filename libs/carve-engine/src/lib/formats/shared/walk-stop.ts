import type { BoundedReader } from '../../bounded-reader.js';
import type { FormatMatch } from '../../types.js';
import { completeMatch, corruptMatch, outOfBytes, type MatchExtras } from './match-result.js';

/**
 * Why a structure walk stopped. `done`: the structure ends at `end` where it should. `out-of-data`: the
 * readable bytes end first (the source's end or the size limit; the reader knows which). `invalid`: the
 * structure breaks; `end` is the last valid point.
 */
export type WalkStop =
  | { readonly kind: 'done'; readonly end: number }
  | { readonly kind: 'out-of-data' }
  | { readonly kind: 'invalid'; readonly end: number; readonly reason: string };

export const OUT_OF_DATA: WalkStop = { kind: 'out-of-data' };
export const doneAt = (end: number): WalkStop => ({ kind: 'done', end });
export const invalidAt = (end: number, reason: string): WalkStop => ({ kind: 'invalid', end, reason });

/** A nested walk that ended where it should lets its parent go on; any other stop ends the parent too. */
export const unlessDone = (stop: WalkStop): WalkStop | undefined => (stop.kind === 'done' ? undefined : stop);

/**
 * The verdict for a file walked from `start`: done is complete, invalid is corrupt (cut at its last valid
 * point), running out of bytes before `what` is truncated at the source's end and corrupt at the size limit.
 */
export function matchFromStop(reader: BoundedReader, start: number, stop: WalkStop, what: string, extras: MatchExtras = {}): FormatMatch {
  if (stop.kind === 'done') return completeMatch(stop.end - start, extras);
  if (stop.kind === 'invalid') return corruptMatch(stop.end - start, stop.reason, extras);
  return outOfBytes(reader, start, what, extras);
}
