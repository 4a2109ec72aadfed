import { beforeAll, describe, expect, it } from 'vitest';
import { readAvFixture } from '../../testing/av-fixtures.js';
import { bufferSource } from '../../testing/buffer-source.js';
import { carveAll, sha256 } from '../../testing/carve-all.js';
import { buildDisk, layOut } from '../../testing/disk.js';
import { randomBytes } from '../../testing/random.js';
import type { FormatMatch } from '../types.js';
import { mkvFormat } from './mkv.js';

const match = (data: Buffer, offset = 0, maxSize = mkvFormat.maxSize): Promise<FormatMatch | null> =>
  mkvFormat.match(bufferSource(data), offset, { maxSize: Math.min(maxSize, data.length - offset) });
const tail = randomBytes(3000, 41);
const MKV = { id: 'mkv', extension: 'mkv', mimeType: 'video/matroska' };
const WEBM = { id: 'webm', extension: 'webm', mimeType: 'video/webm' };
const complete = { state: 'complete', reasons: [] };
const size16 = { width: 16, height: 16 };

const SEGMENT = Buffer.from('18538067', 'hex');
const CLUSTER = Buffer.from('1f43b675', 'hex');
const CUES = Buffer.from('1c53bb6b', 'hex');

/** A copy with the Segment's 8-byte size (ffmpeg writes it 8 bytes long) set to `size`. */
function withSegmentSize(file: Buffer, size: number): Buffer {
  const copy = Buffer.from(file);
  const at = copy.indexOf(SEGMENT) + 4;
  expect(copy[at]).toBe(0x01);
  copy.writeUIntBE(size, at + 2, 6);
  return copy;
}

/** A copy whose first Cluster has the unknown size (all value bits set) a live writer leaves, same length. */
function withUnknownClusterSize(file: Buffer): Buffer {
  const copy = Buffer.from(file);
  const at = copy.indexOf(CLUSTER) + 4;
  expect(copy[at] & 0xc0).toBe(0x40); // a 2-byte size
  copy.writeUInt16BE(0x7fff, at);
  return copy;
}

let mkv: Buffer;
let webm: Buffer;
let live: Buffer;
beforeAll(async () => {
  mkv = await readAvFixture('clip.mkv');
  webm = await readAvFixture('clip.webm');
  live = await readAvFixture('live.webm');
});

describe('mkv format: complete files', () => {
  it('ends Matroska and WebM files where their Segment size says, with kind and frame size', async () => {
    expect(await match(Buffer.concat([mkv, tail]))).toEqual({ length: mkv.length, validation: complete, kind: MKV, dimensions: size16 });
    expect(await match(Buffer.concat([webm, tail]))).toEqual({ length: webm.length, validation: complete, kind: WEBM, dimensions: size16 });
  });

  it('ends a live WebM (unknown-size Segment) at the first element that cannot belong to it', async () => {
    expect(live.subarray(live.indexOf(SEGMENT) + 4, live.indexOf(SEGMENT) + 12).toString('hex')).toBe('01ffffffffffffff');
    for (const after of [tail, Buffer.alloc(5000), mkv, Buffer.concat([Buffer.from([0xec, 0x85]), tail])]) {
      expect(await match(Buffer.concat([live, after]))).toEqual({ length: live.length, validation: complete, kind: WEBM, dimensions: size16 });
    }
    expect(await match(live)).toMatchObject({ length: live.length, validation: complete });
  });

  it('walks the blocks of an unknown-size Cluster to its end', async () => {
    const open = withUnknownClusterSize(live);
    expect(await match(Buffer.concat([open, tail]))).toMatchObject({ length: live.length, validation: complete });
    const twice = Buffer.concat([open, open.subarray(open.indexOf(CLUSTER))]);
    expect(await match(Buffer.concat([twice, Buffer.alloc(3000)]))).toMatchObject({ length: twice.length, validation: complete });
  });

  it('carves all three out of a disk of random filler byte-exact, aligned and not', async () => {
    const files = [mkv, webm, live];
    for (const [blockSize, skew] of [[512, 0], [1, 9]]) {
      const disk = buildDisk(60_000, layOut(files, 1024, 512, 800, skew), 10);
      const found = await carveAll(disk, [mkvFormat], blockSize);
      expect(found.map((f) => f.sha256)).toEqual(files.map(sha256));
      expect(found.map((f) => [f.format, f.extension, f.mimeType, f.validation.state, f.metadata.width])).toEqual([
        ['mkv', 'mkv', 'video/matroska', 'complete', 16],
        ['webm', 'webm', 'video/webm', 'complete', 16],
        ['webm', 'webm', 'video/webm', 'complete', 16],
      ]);
      expect(found.map((f) => f.validation.reasons)).toEqual([[], [], []]);
    }
  });
});

describe('mkv format: damage', () => {
  it('calls a file the source cuts short truncated, known or unknown size', async () => {
    const cut = Math.floor(mkv.length * 0.7);
    expect(await match(mkv.subarray(0, cut))).toMatchObject({ length: cut, validation: { state: 'truncated' }, kind: MKV, dimensions: size16 });
    expect(await match(live.subarray(0, live.length - 100))).toMatchObject({ length: live.length - 100, validation: { state: 'truncated' } });
    expect(await match(withUnknownClusterSize(live).subarray(0, live.length - 100))).toMatchObject({ validation: { state: 'truncated' } });
    expect(await match(mkv.subarray(0, 45))).toMatchObject({ length: 45, validation: { state: 'truncated' } });
  });

  it('calls a Segment size larger than its elements corrupt, ending at the last element', async () => {
    const segmentData = mkv.indexOf(SEGMENT) + 12;
    const m = await match(Buffer.concat([withSegmentSize(mkv, mkv.length - segmentData + 4000), tail]));
    expect(m).toMatchObject({ length: mkv.length, validation: { state: 'corrupt' }, kind: MKV });
    expect(m?.validation.reasons[0]).toMatch(/cannot be in a Segment|no element id|reserved element id/);
  });

  it('calls a Segment size smaller than its elements corrupt, cutting at the Segment end, never past it', async () => {
    const segmentData = webm.indexOf(SEGMENT) + 12;
    const m = await match(Buffer.concat([withSegmentSize(webm, webm.length - segmentData - 10), tail]));
    expect(m).toMatchObject({ length: webm.length - 10, validation: { state: 'corrupt' } });
    expect(m?.validation.reasons[0]).toMatch(/Segment size ends it at \d+, but element 0x1C53BB6B/);
  });

  it('cuts at an overwritten element header in the middle (corrupt)', async () => {
    const bad = Buffer.from(mkv);
    const cues = bad.lastIndexOf(CUES); // the SeekHead names the Cues id too
    bad.fill(0, cues, cues + 8);
    const m = await match(bad);
    expect(m).toMatchObject({ length: cues, validation: { state: 'corrupt' } });
    expect(m?.validation.reasons[0]).toMatch(new RegExp(`at ${cues}`));
  });

  it('rejects false starts: another DocType, no Segment after the header, random bytes', async () => {
    const other = Buffer.from(mkv);
    other.write('matrosky', mkv.indexOf('matroska'), 'latin1');
    expect(await match(other)).toBeNull();
    const noSegment = Buffer.concat([mkv.subarray(0, mkv.indexOf(SEGMENT)), tail]);
    expect(mkvFormat.checkHeader(noSegment.subarray(0, 64))).toBe(true);
    expect(await match(noSegment)).toBeNull();
    expect(mkvFormat.checkHeader(Buffer.concat([Buffer.from('1a45dfa3', 'hex'), randomBytes(60, 3)]))).toBe(false);
  });
});

describe('mkv format: hostile input ends quickly', () => {
  it('handles maximal sizes, an oversized header and long runs of tiny elements', async () => {
    const started = Date.now();
    const huge = withSegmentSize(mkv, 2 ** 48 - 2);
    expect(await match(Buffer.concat([huge, tail]))).toMatchObject({ length: mkv.length, validation: { state: 'corrupt' } });
    const bigHeader = Buffer.concat([Buffer.from('1a45dfa3', 'hex'), Buffer.from('0100000000100000', 'hex'), mkv.subarray(5)]);
    expect(await match(bigHeader)).toBeNull();
    // An unknown-size Cluster of 200000 empty SimpleBlocks, then the size limit.
    const head = withUnknownClusterSize(live).subarray(0, live.indexOf(CLUSTER) + 6);
    const blocks = Buffer.alloc(400_000);
    for (let i = 0; i < blocks.length; i += 2) blocks.writeUInt16BE(0xa380, i);
    const endless = Buffer.concat([head, blocks]);
    expect(await match(endless)).toMatchObject({ length: endless.length, validation: { state: 'complete' } });
    expect(await match(endless, 0, 100_001)).toMatchObject({ length: 100_001, validation: { state: 'corrupt', reasons: [expect.stringMatching(/size limit/)] } });
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});
