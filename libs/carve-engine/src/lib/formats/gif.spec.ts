import { beforeAll, describe, expect, it } from 'vitest';
import { carveWith, diskOf, elapsed, matchAt, sha256 } from '../../testing/format-harness.js';
import { gifBlocks, renderAnimatedGif, renderGif } from '../../testing/gif-fixtures.js';
import { randomBytes } from '../../testing/random.js';
import { gifFormat } from './gif.js';

const tail = randomBytes(4000, 19);
let still: Buffer;
let animated: Buffer;
beforeAll(async () => {
  still = await renderGif({ width: 100, height: 80 });
  animated = await renderAnimatedGif(4, { width: 60, height: 40 });
});

/** Offset of the first image descriptor (after the header, screen descriptor and global colour table). */
const firstImage = (gif: Buffer): number => 13 + (gif[10] & 0x80 ? 3 << ((gif[10] & 7) + 1) : 0);

describe('gif format: whole files', () => {
  it('carves a still and an animated GIF out of random filler, aligned and not, byte for byte', async () => {
    for (const [skew, blockSize] of [[0, 512], [77, 1]]) {
      const { disk } = diskOf([still, animated], skew);
      const found = await carveWith(gifFormat, disk, blockSize);
      expect(found.map((f) => f.sha256)).toEqual([sha256(still), sha256(animated)]);
      expect(found.map((f) => [f.format, f.extension, f.metadata.width, f.metadata.height])).toEqual([
        ['gif', 'gif', 100, 80],
        ['gif', 'gif', 60, 40],
      ]);
      expect(found.every((f) => f.validation.state === 'complete')).toBe(true);
    }
  });

  it('walks all frames of an animation to the trailer, past 0x3B bytes inside image data', async () => {
    expect(animated.subarray(0, animated.length - 1).includes(0x3b)).toBe(true);
    expect(await matchAt(gifFormat, Buffer.concat([animated, tail]))).toEqual({
      length: animated.length,
      validation: { state: 'complete', reasons: [] },
      dimensions: { width: 60, height: 40 },
    });
  });

  it('carves a GIF87a', async () => {
    const old = Buffer.from(still);
    old.write('87a', 3, 'latin1');
    expect((await matchAt(gifFormat, Buffer.concat([old, tail])))?.length).toBe(still.length);
  });
});

describe('gif format: damage', () => {
  it('calls a GIF the source cuts short truncated', async () => {
    const cut = animated.subarray(0, Math.floor(animated.length / 2));
    const m = await matchAt(gifFormat, cut);
    expect(m).toMatchObject({ length: cut.length, validation: { state: 'truncated' }, dimensions: { width: 60, height: 40 } });
    expect(m?.validation.reasons[0]).toMatch(/source ends .* before its trailer/);
  });

  it('cuts where a block should start but garbage does (corrupt)', async () => {
    const bad = Buffer.from(still);
    bad[bad.length - 1] = 0x99; // the trailer
    const m = await matchAt(gifFormat, Buffer.concat([bad, tail]));
    expect(m).toMatchObject({ length: still.length - 1, validation: { state: 'corrupt', reasons: [`byte 0x99 at offset ${still.length - 1} starts no block`] } });
  });

  it('calls an image with an impossible LZW code size corrupt, cut before it', async () => {
    const at = gifBlocks(still).find((b) => b.type === 0x2c)?.offset ?? 0;
    expect(still[at]).toBe(0x2c);
    const bad = Buffer.from(still);
    bad[at + 10 + (bad[at + 9] & 0x80 ? 3 << ((bad[at + 9] & 7) + 1) : 0)] = 0;
    expect(await matchAt(gifFormat, bad)).toMatchObject({ length: at, validation: { state: 'corrupt' } });
  });

  it('calls a trailer right after the header corrupt (no image)', async () => {
    const empty = Buffer.concat([still.subarray(0, firstImage(still)), Buffer.from([0x3b])]);
    expect((await matchAt(gifFormat, empty))?.validation).toEqual({ state: 'corrupt', reasons: [`trailer at offset ${empty.length - 1} before any image`] });
  });

  it('rejects false starts: a 0×0 screen, a signature followed by a non-block', async () => {
    const zero = Buffer.from(still);
    zero.writeUInt16LE(0, 6);
    expect(gifFormat.checkHeader(zero.subarray(0, 14))).toBe(false);
    const noTable = Buffer.concat([Buffer.from('GIF89a', 'latin1'), Buffer.from([10, 0, 10, 0, 0, 0, 0]), Buffer.from([0x55])]);
    expect(gifFormat.checkHeader(noTable)).toBe(false);
  });
});

describe('gif format: hostile input', () => {
  it('follows a million one-byte sub-blocks quickly and stops at the size limit', async () => {
    const at = firstImage(still);
    const chain = Buffer.alloc(2_000_000);
    for (let i = 0; i < chain.length; i += 2) chain[i] = 1;
    const hostile = Buffer.concat([still.subarray(0, at), Buffer.from([0x2c, 0, 0, 0, 0, 10, 0, 10, 0, 0, 8]), chain]);
    let state: string | undefined;
    const ms = await elapsed(async () => (state = (await matchAt(gifFormat, hostile, 0, 1_500_000))?.validation.state));
    expect(ms).toBeLessThan(15_000);
    expect(state).toBe('corrupt');
    expect((await matchAt(gifFormat, hostile))?.validation.state).toBe('truncated');
  });

  it('stops at the block limit on endless empty extensions', async () => {
    const at = firstImage(still);
    const empty = Buffer.from([0x21, 0xfe, 0x00]);
    const hostile = Buffer.concat([still.subarray(0, at), ...new Array<Buffer>(50_000).fill(empty)]);
    const ms = await elapsed(async () => expect((await matchAt(gifFormat, hostile))?.validation.state).toBe('truncated'));
    expect(ms).toBeLessThan(15_000);
  });
});
