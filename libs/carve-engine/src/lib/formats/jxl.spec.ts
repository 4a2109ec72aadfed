import { describe, expect, it } from 'vitest';
import { bufferSource } from '../../testing/buffer-source.js';
import { carveWith, diskOf, elapsed, matchAt, sha256 } from '../../testing/format-harness.js';
import { jxlFixture, JXL_FIXTURE_SIZES, type JxlFixture } from '../../testing/jxl-fixtures.js';
import { randomBytes } from '../../testing/random.js';
import { BitReader } from './jxl-bits.js';
import { readFrameHeader, TOC_SIZE } from './jxl-frame.js';
import { readImageMetadata, readSizeHeader } from './jxl-headers.js';
import { jxlFormat } from './jxl.js';

const tail = randomBytes(4000, 37);
const names = Object.keys(JXL_FIXTURE_SIZES) as JxlFixture[];

/** Offsets where the frames of a bare codestream without ICC or permuted TOCs start (a test's own walk). */
function frameStarts(file: Buffer): number[] {
  const r = new BitReader(file.subarray(2));
  const info = readImageMetadata(r, readSizeHeader(r), true);
  r.padToByte();
  const starts: number[] = [];
  for (let pos = 2 + r.bitPos / 8, last = false; !last; ) {
    starts.push(pos);
    const fr = new BitReader(file.subarray(pos));
    const frame = readFrameHeader(fr, info, false);
    expect(fr.bool()).toBe(false); // not permuted
    fr.padToByte();
    let data = 0;
    for (let i = 0; i < frame.tocEntries; i++) data += fr.u32(TOC_SIZE);
    fr.padToByte();
    pos += fr.bitPos / 8 + data;
    last = frame.isLast;
  }
  return starts;
}

/** A box: size, type, payload. */
const box = (type: string, payload: Buffer): Buffer => {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(8 + payload.length, 0);
  head.write(type, 4, 'latin1');
  return Buffer.concat([head, payload]);
};

describe('jxl format: whole files (made by cjxl)', () => {
  it('carves every fixture out of random filler, aligned and not, byte for byte', async () => {
    const files = names.map(jxlFixture);
    for (const [skew, blockSize] of [[0, 512], [211, 1]]) {
      const { disk } = diskOf(files, skew);
      const found = await carveWith(jxlFormat, disk, blockSize);
      expect(found.map((f) => f.sha256)).toEqual(files.map(sha256));
      expect(found.map((f) => [f.format, f.extension, f.mimeType])).toEqual(files.map(() => ['jxl', 'jxl', 'image/jxl']));
      expect(found.map((f) => ({ width: f.metadata.width, height: f.metadata.height }))).toEqual(names.map((n) => JXL_FIXTURE_SIZES[n]));
      expect(found.every((f) => f.validation.state === 'complete')).toBe(true);
    }
  });

  it.each(names)('ends %s.jxl exactly, whatever follows it', async (name) => {
    const file = jxlFixture(name);
    expect(await matchAt(jxlFormat, Buffer.concat([file, tail]))).toEqual({
      length: file.length,
      validation: { state: 'complete', reasons: [] },
      dimensions: JXL_FIXTURE_SIZES[name],
    });
  });

  it('walks all three frames of an animation', () => {
    expect(frameStarts(jxlFixture('animated'))).toHaveLength(3);
  });

  it('finds the end of a last jxlc box of size 0 ("to the end of the file") from the codestream', async () => {
    const open = Buffer.from(jxlFixture('container'));
    expect(open.toString('latin1', 36, 40)).toBe('jxlc');
    open.writeUInt32BE(0, 32);
    expect((await matchAt(jxlFormat, Buffer.concat([open, tail])))?.length).toBe(open.length);
  });

  it('keeps metadata boxes after the codestream, and stops at bytes that are no JPEG XL box', async () => {
    const container = jxlFixture('container');
    const withExif = Buffer.concat([container, box('Exif', Buffer.alloc(30)), box('xml ', Buffer.from('<x/>'))]);
    expect((await matchAt(jxlFormat, Buffer.concat([withExif, tail])))?.length).toBe(withExif.length);
    const next = Buffer.concat([container, container]);
    expect((await matchAt(jxlFormat, next))?.length).toBe(container.length);
  });
});

describe('jxl format: damage', () => {
  it.each(['codestream', 'container', 'permuted', 'recompressed'] as const)('calls %s.jxl cut by the source truncated', async (name) => {
    const file = jxlFixture(name);
    const cut = file.subarray(0, Math.floor(file.length * 0.8));
    const m = await matchAt(jxlFormat, cut);
    expect(m).toMatchObject({ length: cut.length, validation: { state: 'truncated' }, dimensions: JXL_FIXTURE_SIZES[name] });
    expect(m?.validation.reasons[0]).toMatch(/source ends/);
  });

  it('cuts an animation at a frame header that breaks (corrupt), keeping the frames before it', async () => {
    const file = Buffer.from(jxlFixture('animated'));
    const [, second] = frameStarts(file);
    file.fill(0xff, second, second + 8);
    const m = await matchAt(jxlFormat, Buffer.concat([file, tail]));
    expect(m).toMatchObject({ length: second, validation: { state: 'corrupt' }, dimensions: { width: 48, height: 32 } });
    expect(m?.validation.reasons[0]).toMatch(new RegExp(`^frame 2 at offset ${second}: `));
  });

  it('rejects a codestream whose ICC stream does not decode, and never calls a broken TOC permutation complete', async () => {
    const icc = Buffer.from(jxlFixture('icc'));
    icc[12] ^= 0x10;
    expect(await matchAt(jxlFormat, Buffer.concat([icc, tail]))).toBeNull();
    const permuted = Buffer.from(jxlFixture('permuted'));
    permuted.fill(0, 9, 14);
    const m = await matchAt(jxlFormat, Buffer.concat([permuted, tail]));
    expect(m === null || m.validation.state === 'corrupt').toBe(true);
  });

  it('cuts a container at a box that breaks: no type, jxlp parts out of order, a codestream too short for its boxes', async () => {
    const recompressed = jxlFixture('recompressed');
    const jbrd = recompressed.indexOf('jbrd') - 4;
    const noType = Buffer.from(recompressed);
    noType.fill(0x01, jbrd + 4, jbrd + 8);
    expect(await matchAt(jxlFormat, noType)).toMatchObject({ length: jbrd, validation: { state: 'corrupt', reasons: [`no box type at offset ${jbrd} (bytes 01010101)`] } });
    const order = Buffer.from(recompressed);
    const second = order.lastIndexOf('jxlp') - 4;
    order.writeUInt32BE(0x80000005, second + 8);
    expect((await matchAt(jxlFormat, order))?.validation).toEqual({ state: 'corrupt', reasons: [`jxlp box 5 at offset ${second} where 1 belongs`] });
    const short = Buffer.from(jxlFixture('container'));
    const jxlc = short.readUInt32BE(32);
    short.writeUInt32BE(jxlc - 100, 32);
    const m = await matchAt(jxlFormat, Buffer.concat([short.subarray(0, short.length - 100), tail]));
    expect(m?.validation).toEqual({ state: 'corrupt', reasons: ['the codestream ends inside its boxes, before its last frame'] });
  });

  it('rejects false starts: a container without its ftyp, a codestream header that breaks the rules', async () => {
    const container = Buffer.from(jxlFixture('container'));
    container.write('ftyx', 16, 'latin1');
    expect(jxlFormat.checkHeader(container.subarray(0, 64))).toBe(false);
    // A 2^30-pixel-high image: beyond level 5, which a bare codestream must meet.
    expect(jxlFormat.checkHeader(Buffer.from([0xff, 0x0a, 0xfe, 0xff, 0xff, 0xff, 0xff, 0x07, 0, 0, 0, 0]))).toBe(false);
  });
});

describe('jxl format: hostile input', () => {
  it('finds almost nothing in random bytes after FF 0A, and never a truncated file that swallows the source', async () => {
    const count = 5000;
    const data = randomBytes(count * 256, 41);
    for (let i = 0; i < count; i++) data.writeUInt16BE(0xff0a, i * 256);
    const source = bufferSource(data);
    const found = [];
    for (let i = 0; i < count; i++) {
      if (!jxlFormat.checkHeader(data.subarray(i * 256, i * 256 + 64))) continue;
      const m = await jxlFormat.match(source, i * 256, { maxSize: data.length - i * 256 });
      if (m) found.push(m);
    }
    expect(found.length).toBeLessThan(count / 500);
    expect(found.filter((m) => m.validation.state === 'truncated')).toEqual([]);
  });

  it('stops quickly on a huge declared image, box sizes past 2^63, 0 and 4, endless empty boxes and a jxlp chain that never ends', async () => {
    const huge = Buffer.from([0xff, 0x0a, 0xfe, 0xff, 0xff, 0xff, 0xff, 0x07, ...randomBytes(100, 3)]);
    expect(await matchAt(jxlFormat, huge)).toBeNull();
    const head = jxlFixture('container').subarray(0, 32);
    const big = Buffer.concat([head, Buffer.from('00000001667265650fffffffffffffff', 'hex'), tail]);
    expect((await matchAt(jxlFormat, big))?.validation.reasons[0]).toMatch(/free box at offset 32 has size/);
    const zero = Buffer.concat([head, Buffer.from('0000000066726565', 'hex'), tail]);
    expect((await matchAt(jxlFormat, zero))?.validation).toEqual({ state: 'corrupt', reasons: ['the free box at offset 32 runs to the end of the file, which a carved file cannot tell'] });
    const tiny = Buffer.concat([head, Buffer.from('0000000466726565', 'hex'), tail]);
    expect((await matchAt(jxlFormat, tiny))?.validation).toEqual({ state: 'corrupt', reasons: ['free box at offset 32 has size 4'] });
    const frees = Buffer.concat([head, ...new Array<Buffer>(70_000).fill(box('free', Buffer.alloc(0)))]);
    let state: string | undefined;
    expect(await elapsed(async () => (state = (await matchAt(jxlFormat, frees))?.validation.state))).toBeLessThan(15_000);
    expect(state).toBe('corrupt');
    const parts = Array.from({ length: 2000 }, (_, i) => {
      const counter = Buffer.alloc(4);
      counter.writeUInt32BE(i, 0);
      return box('jxlp', Buffer.concat([counter, i === 0 ? Buffer.from([0xff, 0x0a]) : Buffer.alloc(0)]));
    });
    const chain = Buffer.concat([head, ...parts]);
    expect(await elapsed(async () => (state = (await matchAt(jxlFormat, chain))?.validation.state))).toBeLessThan(15_000);
    expect(state).toBe('truncated');
  });
});
