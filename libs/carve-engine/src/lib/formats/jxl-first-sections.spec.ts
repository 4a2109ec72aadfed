import { describe, expect, it } from 'vitest';
import { BoundedReader } from '../bounded-reader.js';
import { bufferSource } from '../../testing/buffer-source.js';
import { matchAt } from '../../testing/format-harness.js';
import { jxlFixture } from '../../testing/jxl-fixtures.js';
import { randomBytes } from '../../testing/random.js';
import { BitReader } from './jxl-bits.js';
import { walkCodestream } from './jxl-codestream.js';
import { readFrameHeader, TOC_SIZE } from './jxl-frame.js';
import { readImageMetadata, readSizeHeader } from './jxl-headers.js';
import { readMaTree } from './jxl-ma-tree.js';
import { readModularHeader } from './jxl-modular-header.js';
import { jxlFormat } from './jxl.js';

/** Writes bits least significant first, as JPEG XL reads them. */
class BitWriter {
  private readonly bits: number[] = [];
  put(value: number, count: number): this {
    for (let i = 0; i < count; i++) this.bits.push((value >> i) & 1);
    return this;
  }
  code(word: string): this {
    for (const bit of word) this.bits.push(Number(bit));
    return this;
  }
  bytes(): Buffer {
    const out = Buffer.alloc(Math.ceil(this.bits.length / 8) + 8);
    this.bits.forEach((bit, i) => (out[i >> 3] |= bit << (i & 7)));
    return out;
  }
}

/**
 * An MA tree's entropy code: its six contexts share one prefix code over 16 symbols of which 0, 1, 5
 * and 14 have two-bit words '00', '01', '10', '11' (tokens are the values).
 */
const treeCode = (): BitWriter =>
  new BitWriter()
    .put(0, 1) // no LZ77
    .put(1, 1).put(0, 2) // simple context map, 0 bits an entry: one cluster
    .put(1, 1) // prefix codes
    .put(15, 4) // hybrid integer config: split exponent 15
    .put(1, 1).put(3, 4).put(7, 3) // alphabet size 16
    .put(1, 2).put(3, 2).put(0, 4).put(1, 4).put(5, 4).put(14, 4).put(0, 1); // simple code: 0, 1, 5, 14
/** The leaves' entropy code: one context, a one-symbol prefix code. */
const leafCode = (w: BitWriter): BitWriter => w.put(0, 1).put(1, 1).put(15, 4).put(0, 1);

/** Where the first frame's data (its first section) starts in a bare codestream without ICC profile. */
function firstSection(file: Buffer): { start: number; size: number } {
  const r = new BitReader(file.subarray(2));
  const info = readImageMetadata(r, readSizeHeader(r), true);
  r.padToByte();
  const frame = readFrameHeader(r, info, false);
  expect(r.bool()).toBe(false); // not permuted
  r.padToByte();
  const size = r.u32(TOC_SIZE);
  for (let i = 1; i < frame.tocEntries; i++) r.u32(TOC_SIZE);
  r.padToByte();
  return { start: 2 + r.bitPos / 8, size };
}

const walk = (data: Buffer, at = 0) => walkCodestream(new BoundedReader(bufferSource(data), at, data.length - at), at);

describe('jxl first sections: bench `large` at byte level, five random FF 0A runs carved as .jxl (false positives)', () => {
  // The bench's 4 GiB image holds 2 GiB of random bytes: about 32,000 FF 0A, of which 5 passed the
  // headers, the frame header, the TOC and the frame-2 rules and came out as f<offset>.jxl. These runs
  // of the tests' seeded random bytes (1 MiB per seed) did the same: three "complete" single-frame
  // images, two "corrupt" ones cut at a second frame. Their LF global sections break the rules.
  const cases = [
    { seed: 1, at: 702616, was: 'complete, 13119 bytes', reason: /block context map of \d+ threshold cells/ },
    { seed: 382, at: 45465, was: 'complete, 4928 bytes', reason: /block context map of \d+ threshold cells/ },
    { seed: 524, at: 317606, was: 'corrupt at frame 2, 2552 bytes', reason: /invalid context map/ },
    { seed: 2111, at: 667213, was: 'corrupt at frame 2, 17582 bytes', reason: /block context map of \d+ threshold cells/ },
    { seed: 2231, at: 588933, was: 'complete, 107876 bytes', reason: /F16 field is not finite/ },
  ];

  it.each(cases)('seed $seed at $at (was: $was) is no finding', async ({ seed, at, reason }) => {
    const data = randomBytes(1 << 20, seed);
    expect(data.readUInt16BE(at)).toBe(0xff0a);
    expect(jxlFormat.checkHeader(data.subarray(at, at + jxlFormat.headerBytes))).toBe(true);
    expect(await matchAt(jxlFormat, data, at)).toBeNull();
    const end = await walk(data, at);
    expect(end).toMatchObject({ kind: 'invalid', framed: false });
    expect(end?.kind === 'invalid' && end.reason).toMatch(new RegExp(`^frame 1 at offset \\d+: its LF global section: .*${reason.source}`));
  });
});

describe('jxl first sections: real files pass, broken ones do not', () => {
  it('passes the cjxl fixtures (VarDCT in one section, modular lossless, several sections)', async () => {
    for (const name of ['codestream', 'permuted', 'icc', 'animated'] as const) {
      expect((await walk(jxlFixture(name)))?.kind).toBe('complete');
    }
  });

  it('finds no bare codestream whose LF global section is wiped, and cuts a container there (corrupt)', async () => {
    const file = Buffer.from(jxlFixture('codestream'));
    const { start, size } = firstSection(file);
    file.fill(0, start, start + Math.min(size, 64));
    expect(await matchAt(jxlFormat, file)).toBeNull();
    const end = await walk(file);
    expect(end?.kind === 'invalid' && end.reason).toMatch(/^frame 1 at offset \d+: its LF global section: /);

    const container = Buffer.from(jxlFixture('container'));
    const at = container.indexOf(Buffer.from([0xff, 0x0a]));
    file.copy(container, at, 0, Math.min(file.length, container.length - at));
    const m = await matchAt(jxlFormat, container);
    expect(m?.validation.state).toBe('corrupt');
    expect(m?.validation.reasons[0]).toMatch(/^codestream frame 1 at offset \d+: its LF global section: /);
  });

  it('finds no codestream whose single section ends inside its headers', async () => {
    const file = Buffer.from(jxlFixture('codestream'));
    const { start } = firstSection(file);
    // The TOC's one entry, the two bytes before the section: selector 0, 10 bits of size 1, zero padding.
    const shrunk = Buffer.from(file);
    shrunk[start - 2] = 0b00000100;
    shrunk[start - 1] = 0;
    const end = await walk(shrunk);
    expect(end?.kind === 'invalid' && end.reason).toMatch(/its LF global section: the section ends \(1 bytes\) before its headers do/);
  });
});

describe('jxl first sections: MA trees and modular headers', () => {
  it('reads a one-leaf MA tree and its leaf code, and refuses a leaf with predictor 14', () => {
    const ok = leafCode(treeCode().code('00').code('10').code('00').code('00').code('00')); // leaf, predictor 5, offset 0, ×1
    expect(readMaTree(new BitReader(ok.bytes()), 100)).toBe(1);
    const bad = treeCode().code('00').code('11').code('00').code('00').code('00');
    expect(() => readMaTree(new BitReader(bad.bytes()), 100)).toThrow(/unknown predictor/);
  });

  it('refuses an MA tree that outgrows its node limit', () => {
    const w = treeCode();
    for (let i = 0; i < 20; i++) w.code('01').code('00'); // decision nodes only
    expect(() => readMaTree(new BitReader(w.bytes()), 10)).toThrow(/more than 10 nodes/);
  });

  it('refuses a modular image that wants a global tree the frame has none of', () => {
    const w = new BitWriter().put(1, 1).put(1, 1).put(0, 2); // use_global_tree, default WP, no transforms
    expect(() => readModularHeader(new BitReader(w.bytes()), 3, 100, false)).toThrow(/global tree the frame does not have/);
    expect(() => readModularHeader(new BitReader(w.bytes()), 3, 100, true)).not.toThrow();
  });

  it('refuses transforms on channels the image has not, unknown RCTs and transform ids', () => {
    const header = (transform: (w: BitWriter) => BitWriter) => transform(new BitWriter().put(1, 1).put(1, 1).put(1, 2)).bytes(); // one transform
    const rct = (begin: number, type: number) => header((w) => w.put(0, 2).put(0, 2).put(begin, 3).put(2, 2).put(type, 4));
    expect(() => readModularHeader(new BitReader(rct(0, 1)), 3, 100, true)).not.toThrow(); // RCT type 2 + 1 on channels 0–2
    expect(() => readModularHeader(new BitReader(rct(1, 1)), 3, 100, true)).toThrow(/RCT on channels 1–3 of 3/);
    expect(() => readModularHeader(new BitReader(header((w) => w.put(0, 2).put(0, 2).put(0, 3).put(3, 2).put(40, 6))), 3, 100, true)).toThrow(/unknown type/);
    expect(() => readModularHeader(new BitReader(header((w) => w.put(3, 2))), 3, 100, true)).toThrow(/unknown modular transform/);
    const palette = header((w) => w.put(1, 2).put(0, 2).put(1, 3).put(2, 2).put(0, 2).put(10, 8).put(0, 2).put(5, 4)); // channels 1–4
    expect(() => readModularHeader(new BitReader(palette), 3, 100, true)).toThrow(/palette on channels 1–4 of 3/);
  });
});
