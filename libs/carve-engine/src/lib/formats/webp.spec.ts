import { beforeAll, describe, expect, it } from 'vitest';
import { bufferSource } from '../../testing/buffer-source.js';
import { carveAll, sha256 } from '../../testing/carve-all.js';
import { buildDisk, layOut } from '../../testing/disk.js';
import { randomBytes } from '../../testing/random.js';
import { riffChunk, riffList, topChunks } from '../../testing/riff-builder.js';
import { renderWebp } from '../../testing/webp-fixtures.js';
import type { FormatMatch } from '../types.js';
import { webpFormat } from './webp.js';

const match = (data: Buffer, offset = 0, maxSize = webpFormat.maxSize): Promise<FormatMatch | null> =>
  webpFormat.match(bufferSource(data), offset, { maxSize: Math.min(maxSize, data.length - offset) });
const tail = randomBytes(3000, 17);

let lossy: Buffer;
let lossless: Buffer;
let animated: Buffer;
let extended: Buffer;
beforeAll(async () => {
  lossy = await renderWebp({ width: 96, height: 64 });
  lossless = await renderWebp({ width: 40, height: 30, lossless: true, seed: 9 });
  animated = await renderWebp({ width: 48, height: 32, frames: 3, seed: 12 });
  extended = await renderWebp({ width: 70, height: 50, exif: true, seed: 3 });
});

describe('webp format: complete files', () => {
  it('ends lossy, lossless, animated and extended WebPs where their RIFF size says, with their size', async () => {
    const cases: [Buffer, string[], number, number][] = [
      [lossy, ['VP8 '], 96, 64],
      [lossless, ['VP8L'], 40, 30],
      [animated, ['VP8X', 'ANIM', 'ANMF', 'ANMF', 'ANMF'], 48, 32],
      [extended, ['VP8X', 'VP8 ', 'EXIF'], 70, 50],
    ];
    for (const [file, chunks, width, height] of cases) {
      expect(topChunks(file).map((c) => c.id)).toEqual(chunks);
      expect(webpFormat.checkHeader(file.subarray(0, webpFormat.headerBytes))).toBe(true);
      const m = await match(Buffer.concat([file, tail]));
      expect(m).toEqual({ length: file.length, validation: { state: 'complete', reasons: [] }, dimensions: { width, height } });
    }
  });

  it('carves every kind out of a disk of random filler byte-exact, aligned and not', async () => {
    const files = [lossy, lossless, animated, extended];
    for (const [blockSize, skew] of [[512, 0], [1, 77]]) {
      const disk = buildDisk(200_000, layOut(files, 4096, 512, 1000, skew), 8);
      const found = await carveAll(disk, [webpFormat], blockSize);
      expect(found.map((f) => f.sha256)).toEqual(files.map(sha256));
      expect(found.every((f) => f.extension === 'webp' && f.mimeType === 'image/webp' && f.validation.state === 'complete')).toBe(true);
      expect(found.map((f) => f.validation.reasons)).toEqual(files.map(() => []));
    }
  });
});

describe('webp format: damage', () => {
  it('calls a file the source cuts short truncated', async () => {
    const cut = Math.floor(animated.length * 0.6);
    const m = await match(animated.subarray(0, cut));
    expect(m).toMatchObject({ length: cut, validation: { state: 'truncated' }, dimensions: { width: 48, height: 32 } });
    expect(m?.validation.reasons[0]).toMatch(new RegExp(`source ends ${cut} bytes into the file`));
    expect((await match(lossless.subarray(0, 20)))?.validation.state).toBe('truncated');
  });

  it('calls a RIFF size larger than the chunks corrupt, ending at the last chunk', async () => {
    const liar = Buffer.from(lossless);
    liar.writeUInt32LE(lossless.length - 8 + 400, 4);
    const m = await match(Buffer.concat([liar, tail]));
    expect(m).toMatchObject({ length: lossless.length, validation: { state: 'corrupt' } });
    expect(m?.validation.reasons[0]).toMatch(/no chunk id at/);
  });

  it('calls a RIFF size smaller than the chunks corrupt, cutting at the RIFF end, never past it', async () => {
    const liar = Buffer.from(lossy);
    liar.writeUInt32LE(lossy.length - 8 - 1000, 4);
    const m = await match(Buffer.concat([liar, tail]));
    expect(m).toMatchObject({ length: lossy.length - 1000, validation: { state: 'corrupt' }, dimensions: { width: 96, height: 64 } });
    expect(m?.validation.reasons[0]).toMatch(/RIFF size ends .* at \d+, but chunk 'VP8 ' at 12 runs to/);
  });

  it('cuts an animation at a frame whose chunk header was overwritten (corrupt)', async () => {
    const second = topChunks(animated).filter((c) => c.id === 'ANMF')[1];
    const bad = Buffer.from(animated);
    randomBytes(8, 5).copy(bad, second.offset);
    bad[second.offset] = 0x01; // never a FourCC character
    const m = await match(bad);
    expect(m).toMatchObject({ length: second.offset, validation: { state: 'corrupt' } });
  });

  it('cuts before a frame whose inner chunk runs past the frame (corrupt)', async () => {
    const first = topChunks(animated).find((c) => c.id === 'ANMF')!;
    const bad = Buffer.from(animated);
    bad.writeUInt32LE(first.size, first.offset + 8 + 16 + 4); // the frame's VP8 chunk claims the whole frame
    const m = await match(bad);
    expect(m).toMatchObject({ length: first.offset, validation: { state: 'corrupt' } });
    expect(m?.validation.reasons[0]).toMatch(/past the end of its list/);
  });

  it('rejects false starts: other RIFF forms, a VP8 chunk without its start code, no image at all', async () => {
    const avi = riffList('RIFF', 'AVI ', [riffList('LIST', 'hdrl', [riffChunk('avih', Buffer.alloc(56))])]);
    expect(webpFormat.checkHeader(avi.subarray(0, 30))).toBe(false);
    expect(webpFormat.checkHeader(lossy.subarray(0, 20))).toBe(false);
    const noCode = Buffer.from(lossy);
    noCode[23] = 0;
    expect(webpFormat.checkHeader(noCode.subarray(0, 30))).toBe(false);
    // VP8X claims an image, then the walk finds garbage: nothing worth reporting.
    const vp8x = riffChunk('VP8X', Buffer.alloc(10));
    const empty = Buffer.concat([riffList('RIFF', 'WEBP', [vp8x]).subarray(0, 12), vp8x, Buffer.alloc(4000)]);
    empty.writeUInt32LE(4000, 4);
    expect(webpFormat.checkHeader(empty.subarray(0, 30))).toBe(true);
    expect(await match(empty)).toBeNull();
    const onlyHeader = riffList('RIFF', 'WEBP', [vp8x]);
    expect(await match(onlyHeader)).toMatchObject({ validation: { state: 'corrupt', reasons: [expect.stringMatching(/no image data/)] } });
  });
});

describe('webp format: hostile input ends quickly', () => {
  it('handles maximal sizes, zero-size chunk runs and a chunk past the size limit', async () => {
    const vp8x = riffChunk('VP8X', Buffer.alloc(10));
    const huge = Buffer.concat([riffList('RIFF', 'WEBP', [lossless.subarray(12)]), riffChunk('ANMF', Buffer.alloc(0), 0xffffffff)]);
    huge.writeUInt32LE(0xfffffff0, 4);
    const started = Date.now();
    expect(await match(Buffer.concat([huge, tail]))).toMatchObject({ length: lossless.length, validation: { state: 'corrupt' } });
    const zeros = Buffer.concat([vp8x, riffChunk('VP8L', Buffer.from([0x2f, 0, 0, 0, 0])), ...Array.from({ length: 50_000 }, () => riffChunk('JUNK', Buffer.alloc(0)))]);
    const many = Buffer.concat([Buffer.from('RIFF\0\0\0\0WEBP', 'latin1'), zeros]);
    many.writeUInt32LE(many.length - 8, 4);
    expect(await match(many)).toMatchObject({ length: many.length, validation: { state: 'complete' } });
    const limited = await match(Buffer.concat([many, tail]), 0, 100_000);
    expect(limited).toMatchObject({ length: 100_000, validation: { state: 'corrupt', reasons: [expect.stringMatching(/size limit/)] } });
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});
