import { InvalidBits, type BitReader } from './jxl-bits.js';

/** A prefix code's decoder: one symbol per call, bits read first bit first. */
export type PrefixCode = (r: BitReader) => number;

/** Order in which the code length code's lengths are stored (Brotli, RFC 7932 §3.5; JPEG XL reuses it). */
const CODE_LENGTH_ORDER = [1, 2, 3, 4, 0, 5, 17, 6, 16, 7, 8, 9, 10, 11, 12, 13, 14, 15];
/** The fixed code for those lengths, as bit strings (first bit first). */
const LENGTH_CODE_LENGTHS = readTable({ '00': 0, '01': 3, '10': 4, '110': 2, '1110': 1, '1111': 5 });

/** Decodes a fixed code given as bit strings. */
export function readTable(table: Readonly<Record<string, number>>): PrefixCode {
  const longest = Math.max(...Object.keys(table).map((k) => k.length));
  return (r) => {
    let code = '';
    while (code.length < longest) {
      code += r.read(1);
      const value = table[code];
      if (value !== undefined) return value;
    }
    throw new InvalidBits(`no code ${code}`);
  };
}

/**
 * The canonical prefix code of the given code lengths (0 = unused): codes in order of length, then
 * symbol. A code with a single used symbol takes no bits.
 */
export function canonicalCode(lengths: readonly number[]): PrefixCode {
  const used = lengths.map((length, symbol) => ({ length, symbol })).filter((s) => s.length > 0);
  if (used.length === 0) throw new InvalidBits('an empty prefix code');
  if (used.length === 1) return () => used[0].symbol;
  used.sort((a, b) => a.length - b.length || a.symbol - b.symbol);
  const maxLength = used[used.length - 1].length;
  const counts = new Array<number>(maxLength + 1).fill(0);
  for (const s of used) counts[s.length]++;
  const symbols = used.map((s) => s.symbol);
  return (r) => {
    let code = 0;
    let first = 0;
    let index = 0;
    for (let length = 1; length <= maxLength; length++) {
      code |= r.read(1);
      if (code - first < counts[length]) return symbols[index + code - first];
      index += counts[length];
      first = (first + counts[length]) << 1;
      code <<= 1;
    }
    throw new InvalidBits('an incomplete prefix code');
  };
}

/** A prefix code for `alphabetSize` symbols, as JPEG XL stores one (Brotli's simple or complex form). */
export function readPrefixCode(r: BitReader, alphabetSize: number): PrefixCode {
  const form = r.read(2);
  if (form === 1) return readSimpleCode(r, alphabetSize);
  const lengthLengths = new Array<number>(18).fill(0);
  let space = 32;
  let codes = 0;
  for (let i = form; i < 18 && space > 0; i++) {
    const length = LENGTH_CODE_LENGTHS(r);
    lengthLengths[CODE_LENGTH_ORDER[i]] = length;
    if (length !== 0) {
      space -= 32 >> length;
      codes++;
    }
  }
  if (codes !== 1 && space !== 0) throw new InvalidBits('an invalid code length code');
  return canonicalCode(readCodeLengths(r, canonicalCode(lengthLengths), alphabetSize));
}

/** Brotli's simple prefix code: 1–4 symbols with fixed shapes. */
function readSimpleCode(r: BitReader, alphabetSize: number): PrefixCode {
  const bitsPerSymbol = alphabetSize > 1 ? Math.floor(Math.log2(alphabetSize - 1)) + 1 : 0;
  let count = r.read(2) + 1;
  const symbols: number[] = [];
  for (let i = 0; i < count; i++) {
    const symbol = r.read(bitsPerSymbol);
    if (symbol >= alphabetSize || symbols.includes(symbol)) throw new InvalidBits('an invalid simple prefix code');
    symbols.push(symbol);
  }
  if (count === 4) count += r.read(1);
  const lengths = new Array<number>(alphabetSize).fill(0);
  const shapes: Readonly<Record<number, readonly number[]>> = { 1: [1], 2: [1, 1], 3: [1, 2, 2], 4: [2, 2, 2, 2], 5: [1, 2, 3, 3] };
  symbols.forEach((symbol, i) => (lengths[symbol] = shapes[count][i]));
  return canonicalCode(lengths);
}

/** The code lengths of a complex prefix code: lengths 0–15, 16 repeats the last non-zero one, 17 repeats zero. */
function readCodeLengths(r: BitReader, lengthCode: PrefixCode, alphabetSize: number): number[] {
  const lengths = new Array<number>(alphabetSize).fill(0);
  let symbol = 0;
  let previous = 8;
  let repeat = 0;
  let repeatLength = 0;
  let space = 32768;
  while (symbol < alphabetSize && space > 0) {
    const code = lengthCode(r);
    if (code < 16) {
      repeat = 0;
      lengths[symbol++] = code;
      if (code !== 0) {
        previous = code;
        space -= 32768 >> code;
      }
      continue;
    }
    const extraBits = code - 14;
    const length = code === 16 ? previous : 0;
    if (repeatLength !== length) {
      repeat = 0;
      repeatLength = length;
    }
    const old = repeat;
    if (repeat > 0) repeat = (repeat - 2) << extraBits;
    repeat += r.read(extraBits) + 3;
    const delta = repeat - old;
    if (symbol + delta > alphabetSize) throw new InvalidBits('code lengths overrun the alphabet');
    lengths.fill(length, symbol, symbol + delta);
    symbol += delta;
    if (length !== 0) space -= delta << (15 - length);
  }
  if (space !== 0) throw new InvalidBits('an incomplete prefix code');
  return lengths;
}
