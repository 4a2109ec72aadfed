import type { BoundedReader } from '../bounded-reader.js';

export type EntropyEnd =
  /** A marker (other than RSTm) starts at `at`: the walk goes on there. */
  | { readonly kind: 'marker'; readonly at: number }
  /** The reader's end came first. */
  | { readonly kind: 'out-of-data' }
  /** No marker within `maxLength` bytes. */
  | { readonly kind: 'too-long'; readonly at: number };

/**
 * Skips entropy-coded data after an SOS header (T.81 B.1.1.5): 0xFF is followed by 0x00 (stuffing) or
 * RST0–7 inside the data; anything else is the next marker. Jumps between 0xFF bytes with indexOf.
 */
export async function skipEntropyData(reader: BoundedReader, from: number, maxLength: number): Promise<EntropyEnd> {
  const bound = from + maxLength;
  let pos = from;
  for (;;) {
    const ff = await reader.indexOf(0xff, pos, bound);
    if (ff === -1) return bound < reader.end ? { kind: 'too-long', at: bound } : { kind: 'out-of-data' };
    const next = await reader.byte(ff + 1);
    if (next === -1) return { kind: 'out-of-data' };
    if (next === 0x00 || (next >= 0xd0 && next <= 0xd7)) {
      pos = ff + 2;
      continue;
    }
    return { kind: 'marker', at: ff };
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
