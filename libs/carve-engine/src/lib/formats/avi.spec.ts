import { beforeAll, describe, expect, it } from 'vitest';
import { readAvFixture } from '../../testing/av-fixtures.js';
import { bufferSource } from '../../testing/buffer-source.js';
import { carveAll, sha256 } from '../../testing/carve-all.js';
import { buildDisk, layOut } from '../../testing/disk.js';
import { randomBytes } from '../../testing/random.js';
import { riffChunk, riffList, topChunks } from '../../testing/riff-builder.js';
import type { FormatMatch } from '../types.js';
import { aviFormat } from './avi.js';
import { webpFormat } from './webp.js';

const match = (data: Buffer, offset = 0, maxSize = aviFormat.maxSize): Promise<FormatMatch | null> =>
  aviFormat.match(bufferSource(data), offset, { maxSize: Math.min(maxSize, data.length - offset) });
const tail = randomBytes(3000, 23);
const complete = { state: 'complete', reasons: [] };

/** An OpenDML extension form as a muxer writes it after 1 GB: RIFF 'AVIX' holding one movi list. */
const avix = (frames: number, seed: number): Buffer =>
  riffList('RIFF', 'AVIX', [riffList('LIST', 'movi', Array.from({ length: frames }, (_, i) => riffChunk(i % 2 ? '01wb' : '00dc', randomBytes(301 + i, seed + i))))]);

let clip: Buffer;
/** Where the clip's movi list starts and its first few chunks. */
let movi: { offset: number; chunks: number[] };
beforeAll(async () => {
  clip = await readAvFixture('clip.avi');
  const list = topChunks(clip).find((c) => c.id === 'LIST' && clip.toString('latin1', c.offset + 8, c.offset + 12) === 'movi')!;
  const chunks: number[] = [];
  for (let pos = list.offset + 12; pos < list.offset + 8 + list.size; pos += 8 + clip.readUInt32LE(pos + 4) + (clip.readUInt32LE(pos + 4) % 2)) chunks.push(pos);
  movi = { offset: list.offset, chunks };
});

describe('avi format: complete files', () => {
  it('ends an ffmpeg AVI where its RIFF size says, having walked hdrl, movi and idx1', async () => {
    expect(topChunks(clip).map((c) => c.id)).toEqual(['LIST', 'JUNK', 'LIST', 'idx1']);
    expect(movi.chunks.length).toBeGreaterThan(5);
    expect(aviFormat.checkHeader(clip.subarray(0, 24))).toBe(true);
    expect(await match(Buffer.concat([clip, tail]))).toEqual({ length: clip.length, validation: complete, dimensions: { width: 16, height: 16 } });
  });

  it('takes in the OpenDML AVIX forms that follow directly, and nothing after them', async () => {
    const big = Buffer.concat([clip, avix(6, 1), avix(3, 9)]);
    const next = riffList('RIFF', 'WAVE', [riffChunk('fmt ', Buffer.alloc(16))]);
    expect(await match(Buffer.concat([big, next, tail]))).toMatchObject({ length: big.length, validation: complete });
  });

  it('carves AVIs out of a disk of random filler byte-exact, aligned and not', async () => {
    const withAvix = Buffer.concat([clip, avix(4, 3)]);
    for (const [blockSize, skew] of [[512, 0], [1, 5]]) {
      const disk = buildDisk(120_000, layOut([clip, withAvix], 2048, 512, 700, skew), 4);
      const found = await carveAll(disk, [webpFormat, aviFormat], blockSize);
      expect(found.map((f) => f.sha256)).toEqual([sha256(clip), sha256(withAvix)]);
      expect(found.map((f) => [f.format, f.extension, f.mimeType, f.validation.state, f.metadata.width])).toEqual([
        ['avi', 'avi', 'video/vnd.avi', 'complete', 16],
        ['avi', 'avi', 'video/vnd.avi', 'complete', 16],
      ]);
      expect(found.map((f) => f.validation.reasons)).toEqual([[], []]);
    }
  });
});

describe('avi format: damage', () => {
  it('calls a file the source cuts short truncated, in movi and in an AVIX form', async () => {
    const cut = movi.chunks[3] + 100;
    expect(await match(clip.subarray(0, cut))).toMatchObject({ length: cut, validation: { state: 'truncated' }, dimensions: { width: 16, height: 16 } });
    const big = Buffer.concat([clip, avix(6, 1)]);
    expect(await match(big.subarray(0, big.length - 500))).toMatchObject({ length: big.length - 500, validation: { state: 'truncated' } });
  });

  it('cuts at the last whole frame before an overwritten chunk in movi (corrupt)', async () => {
    const bad = Buffer.from(clip);
    Buffer.alloc(512).copy(bad, movi.chunks[4]);
    const m = await match(bad);
    expect(m).toMatchObject({ length: movi.chunks[4], validation: { state: 'corrupt' } });
    expect(m?.validation.reasons[0]).toMatch(new RegExp(`no chunk id at ${movi.chunks[4]}`));
  });

  it('calls a lying RIFF size corrupt: too large ends at the last chunk, too small at the RIFF end', async () => {
    const large = Buffer.from(clip);
    large.writeUInt32LE(clip.length + 5000, 4);
    expect(await match(Buffer.concat([large, tail]))).toMatchObject({ length: clip.length, validation: { state: 'corrupt' } });
    const small = Buffer.from(clip);
    small.writeUInt32LE(clip.length - 8 - 40, 4);
    const m = await match(Buffer.concat([small, tail]));
    expect(m).toMatchObject({ length: clip.length - 40, validation: { state: 'corrupt' } });
    expect(m?.validation.reasons[0]).toMatch(/RIFF size ends the 'AVI' form at \d+, but chunk 'idx1'/);
  });

  it('cuts a broken AVIX form at its last whole chunk (corrupt), keeping the good forms', async () => {
    const good = Buffer.concat([clip, avix(4, 2)]);
    const broken = avix(4, 6);
    broken.writeUInt32LE(0xffffff, 24 + 4); // the first frame claims more than its movi holds
    const m = await match(Buffer.concat([good, broken, tail]));
    expect(m).toMatchObject({ length: good.length + 24, validation: { state: 'corrupt' } });
    expect(m?.validation.reasons[0]).toMatch(/past the end of its list/);
  });

  it('rejects false starts: other RIFF forms, no header list, a broken main header', async () => {
    const webp = riffList('RIFF', 'WEBP', [riffChunk('VP8L', Buffer.from([0x2f, 0, 0, 0, 0]))]);
    expect(aviFormat.checkHeader(webp.subarray(0, 24))).toBe(false);
    expect(aviFormat.checkHeader(riffList('RIFF', 'AVI ', [riffChunk('JUNK', Buffer.alloc(20))]).subarray(0, 24))).toBe(false);
    const badHeader = riffList('RIFF', 'AVI ', [riffList('LIST', 'hdrl', [riffChunk('avih', Buffer.alloc(12))]), Buffer.alloc(100)]);
    expect(aviFormat.checkHeader(badHeader.subarray(0, 24))).toBe(true);
    expect(await match(Buffer.concat([badHeader, tail]))).toBeNull();
  });
});

describe('avi format: hostile input ends quickly', () => {
  it('stops deep list nesting, maximal sizes and endless AVIX chains', async () => {
    const started = Date.now();
    const header = riffList('LIST', 'hdrl', [riffChunk('avih', Buffer.alloc(56))]);
    let nested = riffChunk('JUNK', Buffer.alloc(4));
    for (let i = 0; i < 40; i++) nested = riffList('LIST', 'deep', [nested]);
    const deep = await match(riffList('RIFF', 'AVI ', [header, nested]));
    expect(deep).toMatchObject({ length: 12 + header.length + 8 * 12, validation: { state: 'corrupt' } });
    expect(deep?.validation.reasons[0]).toMatch(/nested more than 8 deep/);
    const hugeMovi = Buffer.concat([riffList('RIFF', 'AVI ', [header]), riffChunk('LIST', Buffer.from('movi'), 0xfffffff0)]);
    hugeMovi.writeUInt32LE(0xffffffff, 4);
    expect(await match(Buffer.concat([hugeMovi, tail]))).toMatchObject({ validation: { state: 'corrupt' } });
    const tiny = riffList('RIFF', 'AVIX', []);
    const chain = Buffer.concat([clip, ...Array.from({ length: 2000 }, () => tiny)]);
    const m = await match(chain);
    expect(m?.validation.reasons[0]).toMatch(/more than 1024 AVIX forms/);
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});
