import type { BoundedReader } from '../bounded-reader.js';

export type EntropyEnd =
  /** A marker (other than RSTm) starts at `at`: the walk goes on there. */
  | { readonly kind: 'marker'; readonly at: number }
  /** The reader's end came first. */
  | { readonly kind: 'out-of-data' }
  /** No marker within `maxLength` bytes. */
  | { readonly kind: 'too-long'; readonly at: number };

/** Inside entropy-coded data 0xFF is followed by 0x00 (stuffing) or RST0–7; anything else is a marker. */
const insideData = (next: number): boolean => next === 0x00 || (next >= 0xd0 && next <= 0xd7);

/**
 * Skips entropy-coded data after an SOS header (T.81 B.1.1.5): 0xFF is followed by 0x00 (stuffing) or
 * RST0–7 inside the data; anything else is the next marker. Jumps between 0xFF bytes with indexOf over
 * the reader's window in memory (one await per window, not per 0xFF: a photo's scan data holds one
 * every few hundred bytes).
 */
export async function skipEntropyData(reader: BoundedReader, from: number, maxLength: number): Promise<EntropyEnd> {
  const bound = from + maxLength;
  const noMarker = (): EntropyEnd => (bound < reader.end ? { kind: 'too-long', at: bound } : { kind: 'out-of-data' });
  let pos = from;
  for (;;) {
    const view = pos < bound ? await reader.around(pos) : null;
    if (view === null) return noMarker();
    const { data, start } = view;
    const last = Math.min(bound, start + data.length) - start;
    let i = pos - start;
    let edge = -1;
    while (i < last) {
      const ff = data.indexOf(0xff, i);
      if (ff === -1 || ff >= last) break;
      if (ff + 1 === data.length) {
        edge = start + ff; // the byte after it lies past the window
        break;
      }
      if (!insideData(data[ff + 1])) return { kind: 'marker', at: start + ff };
      i = ff + 2;
    }
    if (edge === -1) {
      pos = start + Math.max(i, last); // every 0xFF before `last` was inside the data
      continue;
    }
    const next = await reader.byte(edge + 1);
    if (next === -1) return { kind: 'out-of-data' };
    if (!insideData(next)) return { kind: 'marker', at: edge };
    pos = edge + 2;
  }
}

/**
 * Most bytes one scan of a width×height frame with `components` components can take: per 8×8 block at
 * most 16+15 bits of DC and 63×(16+14) bits of AC (≈241 bytes at 12-bit precision), doubled for 0x00
 * stuffing, counted over blocks rounded up to 4×4-sampled MCUs, plus room for RST markers.
 */
export function maxScanBytes(width: number, height: number, components: number): number {
  const blocks = Math.ceil(width / 32) * 4 * Math.ceil(height / 32) * 4;
  return blocks * components * 512 + 64 * 1024;
}
