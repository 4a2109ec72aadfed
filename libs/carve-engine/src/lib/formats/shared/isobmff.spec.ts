import { describe, expect, it } from 'vitest';
import { bufferSource } from '../../../testing/buffer-source.js';
import { box, ftyp, largeBox, u32, u64, uuidBox } from '../../../testing/isobmff-builder.js';
import { randomBytes } from '../../../testing/random.js';
import { BoundedReader } from '../../bounded-reader.js';
import { MAX_TOP_LEVEL_BOXES, walkTopLevel } from './isobmff-top-level.js';
import { descend, MAX_BOX_DEPTH, MAX_CHILD_BOXES, readBox, readChildren, type Box } from './isobmff.js';

const reader = (data: Buffer): BoundedReader => new BoundedReader(bufferSource(data), 0, data.length);
const boxAt = async (data: Buffer, pos = 0): Promise<Box> => {
  const read = await readBox(reader(data), pos, data.length);
  if (read.kind !== 'box') throw new Error(`no box: ${JSON.stringify(read)}`);
  return read.box;
};

describe('isobmff box headers', () => {
  it('reads 32-bit sizes, 64-bit largesizes and uuid extended types', async () => {
    expect(await boxAt(box('free', Buffer.alloc(4)))).toEqual({ type: 'free', start: 0, contentStart: 8, end: 12, toEnd: false });
    expect(await boxAt(largeBox('mdat', Buffer.alloc(10)))).toMatchObject({ type: 'mdat', contentStart: 16, end: 26 });
    const uuid = uuidBox('eaf42b5e1c984b88b9fbb7dc406e4d16', Buffer.alloc(3));
    expect(await boxAt(uuid)).toMatchObject({ type: 'uuid', uuid: 'eaf42b5e1c984b88b9fbb7dc406e4d16', contentStart: 24, end: 27 });
  });

  it('gives a size-0 box the end of the space it is read in, and says so', async () => {
    const data = Buffer.concat([u32(0), Buffer.from('mdat'), Buffer.alloc(100)]);
    expect(await boxAt(data)).toMatchObject({ toEnd: true, end: 108 });
  });

  it('rejects sizes 2 to 7, a largesize beyond 2^53 or below its own header', async () => {
    const check = async (data: Buffer): Promise<string> => {
      const read = await readBox(reader(data), 0, data.length);
      return read.kind === 'invalid' ? read.reason : read.kind;
    };
    expect(await check(Buffer.concat([u32(7), Buffer.from('free'), Buffer.alloc(8)]))).toMatch(/size 7/);
    expect(await check(Buffer.concat([u32(1), Buffer.from('mdat'), u64(2 ** 62), Buffer.alloc(8)]))).toMatch(/claims/);
    expect(await check(Buffer.concat([u32(1), Buffer.from('mdat'), u64(12), Buffer.alloc(8)]))).toMatch(/smaller than its header/);
    expect(await check(Buffer.from('free'))).toBe('out-of-data');
  });
});

describe('isobmff children', () => {
  it('ignores a 32-bit zero at the end of a list (QuickTime) and stops at a child running past its parent', async () => {
    const parent = box('udta', box('free'), u32(0));
    expect((await readChildren(reader(parent), await boxAt(parent))).boxes.map((b) => b.type)).toEqual(['free']);
    const broken = box('moov', box('mvhd', Buffer.alloc(4)), u32(500), Buffer.from('trak'));
    const read = await readChildren(reader(broken), await boxAt(broken));
    expect(read.boxes.map((b) => b.type)).toEqual(['mvhd']);
    expect(read.problem).toMatch(/'trak' box at 20 runs past the end of its parent 'moov'/);
  });

  it('stops a hostile list at the child limit', async () => {
    const many = box('ipco', ...Array.from({ length: MAX_CHILD_BOXES + 10 }, () => box('free')));
    const read = await readChildren(reader(many), await boxAt(many));
    expect(read.boxes).toHaveLength(MAX_CHILD_BOXES);
    expect(read.problem).toMatch(/more than 4096 children/);
  });

  it('descends named paths only, never as deep as the data goes', async () => {
    const depth = 100_000;
    const nested = Buffer.alloc(8 * depth);
    for (let i = 0; i < depth; i++) nested.write(`${String.fromCharCode(0, 0, 0, 0)}trak`, 8 * i, 'latin1');
    for (let i = 0; i < depth; i++) nested.writeUInt32BE(8 * (depth - i), 8 * i);
    const started = Date.now();
    expect(await descend(reader(nested), await boxAt(nested), ['mdia', 'minf', 'stbl'])).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(15_000);
    await expect(descend(reader(nested), await boxAt(nested), Array(MAX_BOX_DEPTH + 1).fill('trak'))).rejects.toThrow(RangeError);
  });
});

describe('isobmff top level', () => {
  const head = ftyp('isom', 0, 'isom');
  const walk = (data: Buffer) => walkTopLevel(reader(data), 0);

  it('sums the boxes up to one that cannot stand at the top level', async () => {
    const file = Buffer.concat([head, box('moov', box('mvhd')), box('mdat', Buffer.alloc(50))]);
    const result = await walk(Buffer.concat([file, box('abcd'), randomBytes(100, 1)]));
    expect(result.end).toBe(file.length);
    expect(result.stop).toMatchObject({ kind: 'foreign', at: file.length, reason: expect.stringMatching(/'abcd' .* not a top-level box/) });
  });

  it("keeps a maker's own box when a known box follows it, not when random bytes do", async () => {
    const file = Buffer.concat([head, box('PANA', Buffer.alloc(20)), box('moov', box('mvhd')), box('mdat', Buffer.alloc(10))]);
    const result = await walk(Buffer.concat([file, box('XTRA', Buffer.alloc(12)), randomBytes(100, 2)]));
    expect(result.boxes.map((b) => b.type)).toEqual(['ftyp', 'PANA', 'moov', 'mdat']);
    expect(result.stop).toMatchObject({ kind: 'foreign', at: file.length, reason: expect.stringMatching(/'XTRA'/) });
  });

  it('takes a second ftyp or moov for the start of another file', async () => {
    const file = Buffer.concat([head, box('moov', box('mvhd'))]);
    expect((await walk(Buffer.concat([file, file]))).stop).toMatchObject({ kind: 'foreign', at: file.length, reason: expect.stringMatching(/another/) });
    expect((await walk(Buffer.concat([file, box('moov')]))).stop).toMatchObject({ kind: 'foreign', reason: expect.stringMatching(/a second 'moov'/) });
  });

  it('knows when the data ends inside a box, at a box boundary, or with a size-0 box', async () => {
    const mdat = box('mdat', Buffer.alloc(100));
    expect((await walk(Buffer.concat([head, mdat]).subarray(0, head.length + 50))).stop).toMatchObject({ kind: 'inside', box: { type: 'mdat' } });
    expect((await walk(Buffer.concat([head, mdat]))).stop).toEqual({ kind: 'data-end', at: head.length + mdat.length });
    const toEnd = Buffer.concat([head, u32(0), Buffer.from('mdat'), Buffer.alloc(64)]);
    expect((await walk(toEnd)).stop).toMatchObject({ kind: 'to-end', box: { type: 'mdat', toEnd: true, end: toEnd.length } });
  });

  it('stops a file of countless tiny boxes at the box limit, quickly', async () => {
    const data = Buffer.concat([head, Buffer.alloc(8 * (MAX_TOP_LEVEL_BOXES + 5))]);
    for (let at = head.length; at < data.length; at += 8) data.write('\0\0\0\x08free', at, 'latin1');
    const started = Date.now();
    const result = await walk(data);
    expect(result.stop.kind).toBe('too-many');
    expect(result.boxes).toHaveLength(MAX_TOP_LEVEL_BOXES);
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});
