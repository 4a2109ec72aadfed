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
  const preamble = new IccPreamble(size);
  for (let i = 0; i < size; i++) {
    // A real stream cannot grow 256-fold over the bits it used (the reference decoder's check too).
    if (i > 0 && i % 65536 === 0 && i > ((r.bitPos - from) / 8) * 256) throw new InvalidBits('a corrupted ICC stream');
    const byte = reader.read(iccContext(i, b1, b2));
    if (byte > 255) throw new InvalidBits('an ICC stream symbol beyond a byte');
    preamble.take(byte);
    b2 = b1;
    b1 = byte;
  }
  if (!reader.finished()) throw new InvalidBits('the ICC stream does not end in the ANS final state');
}

/** Decoders refuse an ICC profile larger than this (2^28 bytes) before building it. */
const MAX_ICC_OUTPUT = 2 ** 28;
/** A varint of more bytes than this is not a size. */
const MAX_VARINT_BYTES = 9;

/**
 * The encoded ICC stream starts with two varints (7 bits a byte, least significant first): the size of
 * the profile it decodes to and the size of its command stream. Decoders refuse a stream whose commands
 * run past its end, whose profile would exceed 2^28 bytes, or which is more than 64 KiB larger than the
 * profile it decodes to. Checked as soon as both are decoded: random bytes after FF 0A that claim an
 * ICC stream of megabytes are rejected after a few bytes instead of decoding all of it.
 */
class IccPreamble {
  private readonly sizes: number[] = [];
  private value = 0;
  private shift = 0;
  private bytes = 0;

  constructor(private readonly encodedSize: number) {}

  take(byte: number): void {
    if (this.sizes.length === 2) return;
    this.bytes++;
    this.value += (byte & 0x7f) * 2 ** this.shift;
    this.shift += 7;
    if (byte & 0x80) {
      if (this.shift >= 7 * MAX_VARINT_BYTES) throw new InvalidBits('an ICC stream whose sizes are not varints');
      return;
    }
    this.sizes.push(this.value);
    this.value = this.shift = 0;
    if (this.sizes.length < 2) return;
    const [outputSize, commandsSize] = this.sizes;
    if (this.bytes + commandsSize > this.encodedSize) throw new InvalidBits('an ICC stream whose commands run past its end');
    if (outputSize > MAX_ICC_OUTPUT) throw new InvalidBits(`an ICC profile of ${outputSize} bytes`);
    if (outputSize + 65536 < this.encodedSize) throw new InvalidBits(`an ICC stream of ${this.encodedSize} bytes for a profile of ${outputSize}`);
  }
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
