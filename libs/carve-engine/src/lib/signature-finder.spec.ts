import { describe, expect, it } from 'vitest';
import { randomBytes } from '../testing/random.js';
import { ChunkCandidates } from './candidates.js';
import { carveFormats } from './formats/index.js';
import { planAnchors } from './signature-finder.js';
import { buildSignatureIndex, formatsAt } from './signature-index.js';
import type { CarveFormat } from './types.js';

const format = (id: string, offset: number, hex: string): CarveFormat => ({
  id,
  extensions: [id],
  mimeType: 'application/x-test',
  signatures: [{ offset, bytes: [...Buffer.from(hex, 'hex')] }],
  maxSize: 1024,
  headerBytes: 4,
  checkHeader: () => true,
  match: async () => ({ length: 16, validation: { state: 'complete', reasons: [] } }),
});
const leadingZero = format('zero', 0, '004d524d');
const leadingFf = format('ff', 0, 'ffd8ff');
const long = format('long', 0, '49491a0000004845415043434452');
const atFour = format('box', 4, '66747970');
const atFourToo = format('box2', 4, '66747970');
const short = format('short', 0, 'ff0a');

const byteLevel = { blockSize: 1, offset: 0 };
const starts = (chunk: Buffer, formats: CarveFormat[]): number[] => {
  const candidates = new ChunkCandidates(buildSignatureIndex(formats), chunk, 0, byteLevel);
  const out: number[] = [];
  for (let c = candidates.next(0, chunk.length); c; c = candidates.next(c.start + 1, chunk.length)) out.push(c.start);
  return out;
};

describe('byte-level signature search', () => {
  it('searches a few bytes of each signature that do not start with a fill byte, once per distinct anchor', () => {
    const plan = planAnchors(buildSignatureIndex([leadingZero, leadingFf, long, atFour, atFourToo, short]));
    // Never a single byte: "ff0a" stays whole.
    expect(plan.anchors.map((a) => a.needle.toString('hex'))).toEqual(['4d524d', 'd8ff', '49491a00', '66747970', 'ff0a']);
    expect(plan.probes).toEqual([
      { anchor: 0, shift: 1 },
      { anchor: 1, shift: 1 },
      { anchor: 2, shift: 0 },
      { anchor: 3, shift: 4 },
      { anchor: 4, shift: 0 },
    ]);
  });

  it('searches anchors that share their first two bytes at one place as those two bytes, once', () => {
    const tiffs = ['49492a00', '4949524f', '49495500'].map((hex, i) => format(`t${i}`, 0, hex));
    const plan = planAnchors(buildSignatureIndex([...tiffs, atFour]));
    expect(plan.anchors.map((a) => a.needle.toString('hex'))).toEqual(['4949', '66747970']);
    const chunk = Buffer.alloc(20_000, 0x41);
    Buffer.from('4949524f', 'hex').copy(chunk, 333);
    Buffer.from('49497777', 'hex').copy(chunk, 5000); // the shared anchor, but no signature: no candidate
    Buffer.from('49495500', 'hex').copy(chunk, 19_000);
    expect(starts(chunk, tiffs)).toEqual([333, 19_000]);
  });

  it('finds signatures that start with 0x00 in zeroed space and with 0xFF in erased space, and checks them whole', () => {
    const zeros = Buffer.alloc(100_000);
    Buffer.from('004d524d', 'hex').copy(zeros, 40_001);
    Buffer.from('014d524d', 'hex').copy(zeros, 70_000); // the anchor after another byte: no candidate
    expect(starts(zeros, [leadingZero])).toEqual([40_001]);
    const erased = Buffer.alloc(100_000, 0xff);
    Buffer.from('d8ff', 'hex').copy(erased, 12_346);
    Buffer.from('00d8ff', 'hex').copy(erased, 50_000); // d8ff not after 0xFF: no candidate
    expect(starts(erased, [leadingFf])).toEqual([12_345]);
  });

  it('finds every signature at every offset among random bytes, two formats sharing one anchor included', () => {
    const chunk = randomBytes(50_000, 8);
    const placed = [[3, long], [1001, atFour], [1002, leadingFf], [30_333, leadingZero], [49_000, atFourToo]] as const;
    for (const [at, f] of placed) Buffer.from(f.signatures[0].bytes).copy(chunk, at + f.signatures[0].offset);
    expect(starts(chunk, [leadingZero, leadingFf, long, atFour])).toEqual([3, 1001, 1002, 30_333, 49_000]);
  });

  it('finds exactly the offsets where some format’s signature lies, whatever the jumps between searches', () => {
    const index = buildSignatureIndex(carveFormats);
    const chunk = randomBytes(300_000, 12);
    chunk.fill(0, 100_000, 170_000); // zeroed space between
    let at = 17;
    for (const format of carveFormats) {
      for (const { offset, bytes } of format.signatures) {
        Buffer.from(bytes).copy(chunk, at + offset);
        at += 4099;
      }
    }
    const every: number[] = [];
    for (let rel = 0; rel < chunk.length; rel++) if (formatsAt(index, chunk, rel).length > 0) every.push(rel);
    expect(every.length).toBeGreaterThan(carveFormats.length);
    const candidates = new ChunkCandidates(index, chunk, 0, byteLevel);
    const found: number[] = [];
    for (let c = candidates.next(0, chunk.length); c; c = candidates.next(c.start + 1, chunk.length)) found.push(c.start);
    expect(found).toEqual(every);
    // Jumping ahead (past a file found) and looking again: the first offset at or after each jump.
    const jumping = new ChunkCandidates(index, chunk, 0, byteLevel);
    for (const from of [5, 4_000, 4_001, 60_000, 99_999, 171_000, 250_000, 299_990]) {
      expect(jumping.next(from, chunk.length)?.start).toBe(every.find((rel) => rel >= from));
    }
  });
});

