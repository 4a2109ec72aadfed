import { InvalidBits, type BitReader } from './jxl-bits.js';
import { readEntropyCode, SymbolReader } from './jxl-entropy.js';

/** ICC profiles of real images are kilobytes, printer profiles a few megabytes; beyond this is hostile. */
export const MAX_ICC_BYTES = 8 * 1024 * 1024;
const ICC_CONTEXTS = 41;
const PERMUTATION_CONTEXTS = 8;

const isLetter = (b: number): boolean => (b >= 0x61 && b <= 0x7a) || (b >= 0x41 && b <= 0x5a);
const isDigit = (b: number): boolean => (b >= 0x30 && b <= 0x39) || b === 0x2e || b === 0x2c;

/** The context of an ICC byte from the two before it (ISO/IEC 18181-1 §E.4.1). */
function iccContext(i: number, b1: number, b2: number): number {
  if (i <= 128) return 0;
  const kind1 = isLetter(b1) ? 0 : isDigit(b1) ? 1 : b1 === 0 ? 2 : b1 === 1 ? 3 : b1 < 16 ? 4 : b1 === 255 ? 6 : b1 > 240 ? 5 : 7;
  const kind2 = isLetter(b2) ? 0 : isDigit(b2) ? 1 : b2 < 16 ? 2 : b2 > 240 ? 3 : 4;
  return 1 + kind1 + kind2 * 8;
}

/**
 * Steps over the entropy-coded ICC profile that follows the image headers when want_icc is set: its
 * encoded size, histograms over 41 contexts, that many bytes, and the ANS end state. Its length is
 * stored nowhere, so decoding it is the only way past it.
 */
export function skipIccStream(r: BitReader, maxBytes = MAX_ICC_BYTES): void {
  const size = r.u64();
  if (size > maxBytes) throw new InvalidBits(`an ICC stream of ${size} bytes`);
  const reader = new SymbolReader(readEntropyCode(r, ICC_CONTEXTS), r);
  const from = r.bitPos;
  let b1 = 0;
  let b2 = 0;
  for (let i = 0; i < size; i++) {
    // A real stream cannot grow 256-fold over the bits it used (the reference decoder's check too).
    if (i > 0 && i % 65536 === 0 && i > ((r.bitPos - from) / 8) * 256) throw new InvalidBits('a corrupted ICC stream');
    const byte = reader.read(iccContext(i, b1, b2));
    if (byte > 255) throw new InvalidBits('an ICC stream symbol beyond a byte');
    b2 = b1;
    b1 = byte;
  }
  if (!reader.finished()) throw new InvalidBits('the ICC stream does not end in the ANS final state');
}

/** The context of a Lehmer code entry: the bit length of the previous one, at most 7. */
const permutationContext = (value: number): number => (value === 0 ? 0 : Math.min(7, 1 + Math.floor(Math.log2(value))));

/**
 * Reads an entropy-coded permutation of `size` entries (a permuted TOC's Lehmer code) and returns where
 * its first two entries come from: permutation[0] and permutation[1] (fewer when size is smaller).
 */
export function readPermutationHead(r: BitReader, size: number): number[] {
  const reader = new SymbolReader(readEntropyCode(r, PERMUTATION_CONTEXTS), r);
  const end = reader.read(permutationContext(size));
  if (end > size) throw new InvalidBits(`a permutation of ${end} entries in a TOC of ${size}`);
  const lehmer: number[] = [];
  let last = 0;
  for (let i = 0; i < end; i++) {
    last = reader.read(permutationContext(last));
    if (last + i >= size) throw new InvalidBits('an invalid Lehmer code');
    if (i < 2) lehmer.push(last);
  }
  if (!reader.finished()) throw new InvalidBits('the permutation does not end in the ANS final state');
  // Entry i takes the lehmer[i]-th of the indices not taken yet (0 past the code's end).
  const first = lehmer[0] ?? 0;
  const second = lehmer[1] ?? 0;
  return [first, second >= first ? second + 1 : second].slice(0, size);
}
