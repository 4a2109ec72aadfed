import { describe, expect, it } from 'vitest';
import { randomBytes } from '../testing/random.js';
import { createPairScanner, PAIR_BLOCK } from './pair-scan.js';

const pair = (hex: string): number => parseInt(hex.slice(0, 2), 16) | (parseInt(hex.slice(2), 16) << 8);
// The engine's anchors' first two bytes (JPEG, ISO-BMFF boxes, RIFF, PNG, GIF, JPEG XL, PSD, MPEG-TS, Matroska, TIFF, RAWs, BMP).
const PAIRS = 'd8ff 6674 6d6f 6d64 7769 6672 736b 5249 8950 4749 0c4a ff0a 3842 4740 1a45 4949 4d4d 4655 4d52 464f 424d'.split(' ').map(pair);

/** What the scanner must find: every position in [from, to) whose byte and the next form a pair of the set. */
function plainLoop(bytes: Buffer, pairs: readonly number[], from: number, to: number): number[] {
  const set = new Set(pairs);
  const out: number[] = [];
  for (let i = from; i < Math.min(to, bytes.length - 1); i++) if (set.has(bytes[i] | (bytes[i + 1] << 8))) out.push(i);
  return out;
}

function scanned(bytes: Buffer, pairs: readonly number[], from: number, to: number): number[] {
  const scanner = createPairScanner(pairs);
  if (!scanner) throw new Error('WebAssembly SIMD is missing');
  const hits: number[] = [];
  scanner.scan(bytes, from, to, hits);
  return hits;
}

/** `bytes` with each of the pairs written at a few places, block edges and the very end included. */
function planted(bytes: Buffer, pairs: readonly number[]): Buffer {
  const at = [0, 15, 16, 17, PAIR_BLOCK - 1, PAIR_BLOCK, PAIR_BLOCK + 1, bytes.length - 2];
  pairs.forEach((p, i) => {
    for (const a of [...at, (i * 7919) % (bytes.length - 2)]) {
      bytes[a] = p & 0xff;
      bytes[a + 1] = p >> 8;
    }
  });
  return bytes;
}

describe('one-pass search for byte pairs (WebAssembly SIMD)', () => {
  it('finds every position of a pair of the set among random bytes, in order, across its blocks', () => {
    const bytes = planted(randomBytes(3 * PAIR_BLOCK + 123, 5), PAIRS);
    expect(scanned(bytes, PAIRS, 0, bytes.length)).toEqual(plainLoop(bytes, PAIRS, 0, bytes.length));
    // From and to anywhere, not on a 16-byte boundary.
    expect(scanned(bytes, PAIRS, 7, PAIR_BLOCK + 9)).toEqual(plainLoop(bytes, PAIRS, 7, PAIR_BLOCK + 9));
    // A pair whose second byte lies in the next block.
    Buffer.from('ff0a', 'hex').copy(bytes, 2 * PAIR_BLOCK - 1);
    expect(scanned(bytes, PAIRS, 2 * PAIR_BLOCK - 1, 2 * PAIR_BLOCK)).toEqual([2 * PAIR_BLOCK - 1]);
    expect(scanned(bytes, PAIRS, PAIR_BLOCK + 5, 3 * PAIR_BLOCK)).toEqual(plainLoop(bytes, PAIRS, PAIR_BLOCK + 5, 3 * PAIR_BLOCK));
  });

  it('finds them in zeroed and erased space, and where a byte of a pair repeats for pages', () => {
    for (const fill of [0x00, 0xff, 0x49, 0x4d]) {
      const bytes = planted(Buffer.alloc(2 * PAIR_BLOCK + 5, fill), PAIRS);
      expect(scanned(bytes, PAIRS, 0, bytes.length)).toEqual(plainLoop(bytes, PAIRS, 0, bytes.length));
    }
  });

  it('never reports a pair that needs the byte after the end', () => {
    const bytes = Buffer.from('00ff', 'hex');
    expect(scanned(bytes, [pair('ff0a')], 0, 2)).toEqual([]);
    expect(scanned(Buffer.from('ff0a', 'hex'), [pair('ff0a')], 0, 2)).toEqual([0]);
  });

  it('works for any set of pairs, many sharing nibbles', () => {
    const pairs = Array.from({ length: 60 }, (_, i) => (i * 2654435761) & 0xffff).filter((p) => p !== 0 && p !== 0xffff);
    const bytes = planted(randomBytes(PAIR_BLOCK + 999, 9), pairs);
    expect(scanned(bytes, pairs, 0, bytes.length)).toEqual(plainLoop(bytes, pairs, 0, bytes.length));
  });
});
