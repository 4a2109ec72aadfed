import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { bufferSource } from '../testing/buffer-source.js';
import { buildDisk } from '../testing/disk.js';
import { renderJpeg } from '../testing/jpeg-fixtures.js';
import { randomBytes } from '../testing/random.js';
import { runCarve } from '../testing/scan-run.js';

const sha = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

/** A photo with 4 KiB of its scan data overwritten by garbage (a cluster of another file, a bad block). */
async function damagedPhoto(): Promise<Buffer> {
  const photo = Buffer.from(await renderJpeg({ width: 640, height: 480, seed: 12, quality: 95 }));
  const at = Math.floor(photo.length / 2);
  randomBytes(4096, 13).copy(photo, at);
  return photo;
}

let damaged: Buffer;
let next: Buffer;
let disk: Buffer;
const at = 4096;
beforeAll(async () => {
  damaged = await damagedPhoto();
  next = await renderJpeg({ width: 120, height: 90, seed: 14 });
  // The next photo follows the damaged one directly, as consecutive clusters on a card would have it.
  disk = buildDisk(at + damaged.length + next.length + 50_000, [
    { offset: at, data: damaged },
    { offset: at + damaged.length, data: next },
  ], 15);
});

describe('carve: corrupt files', () => {
  it('cuts a corrupt file at its last valid point by default, saying why', async () => {
    const { files } = await runCarve(bufferSource(disk), { blockSize: 1 });
    expect(files.map((f) => f.byteRuns[0].offset)).toEqual([at, at + damaged.length]);
    const [cut] = files;
    expect(cut.validation.state).toBe('corrupt');
    expect(cut.validation.reasons.length).toBeGreaterThan(0);
    expect(cut.size).toBeGreaterThan(damaged.length / 2 - 1000);
    expect(cut.size).toBeLessThan(damaged.length);
    expect(cut.sha256).toBe(sha(damaged.subarray(0, cut.size)));
  });

  it('with keepCorrupt keeps the rest up to the next file found: here every byte of the damaged photo', async () => {
    const { files } = await runCarve(bufferSource(disk), { blockSize: 1, keepCorrupt: true });
    expect(files.map((f) => f.byteRuns[0].offset)).toEqual([at, at + damaged.length]);
    const [kept, after] = files;
    expect(kept).toMatchObject({ size: damaged.length, sha256: sha(damaged), byteRuns: [{ offset: at, length: damaged.length }] });
    expect(kept.validation.state).toBe('corrupt');
    expect(kept.validation.reasons.at(-1)).toMatch(/^kept \d+ bytes after the last valid point, up to the next file found/);
    expect(after).toMatchObject({ sha256: sha(next), validation: { state: 'complete' } });
  });

  it('keeps no further than the end of the scanned range, the size limit or the source', async () => {
    const rangeEnd = at + damaged.length - 100;
    const inRange = await runCarve(bufferSource(disk), { blockSize: 1, keepCorrupt: true, ranges: [{ offset: 0, length: rangeEnd }] });
    expect(inRange.files).toHaveLength(1);
    expect(inRange.files[0].size).toBe(rangeEnd - at);
    expect(inRange.files[0].validation.reasons.at(-1)).toMatch(/up to the end of the scanned range/);

    const limit = damaged.length - 2000;
    const capped = await runCarve(bufferSource(disk), { blockSize: 1, keepCorrupt: true, maxFileSize: limit });
    expect(capped.files[0].size).toBe(limit);
    expect(capped.files[0].validation.reasons.at(-1)).toMatch(/up to maxFileSize/);

    const alone = Buffer.concat([randomBytes(at, 1), damaged.subarray(0, damaged.length - 10)]);
    const toEnd = await runCarve(bufferSource(alone), { blockSize: 1, keepCorrupt: true });
    expect(toEnd.files[0].size).toBe(alone.length - at);
    expect(toEnd.files[0].validation.reasons.at(-1)).toMatch(/up to the end of the source/);
  });

  it('leaves complete and truncated files alone', async () => {
    const photo = await renderJpeg({ width: 200, height: 150, seed: 16 });
    const small = buildDisk(40_000, [{ offset: 1024, data: photo }], 2);
    const truncated = Buffer.concat([randomBytes(2048, 3), photo.subarray(0, photo.length - 500)]);
    for (const source of [small, truncated]) {
      const plain = await runCarve(bufferSource(source));
      const kept = await runCarve(bufferSource(source), { keepCorrupt: true });
      expect(kept.files).toEqual(plain.files);
    }
  });
});
