import { openFileSource, sliceSource } from '@afterimage/fs-parsers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bufferSource } from '../testing/buffer-source.js';
import { buildDisk, layOut, type Placement } from '../testing/disk.js';
import { buildMpf, headerSegments, renderJpeg, segment, withExifThumbnail } from '../testing/jpeg-fixtures.js';
import { diskFile, runCarve, startsAndHashes } from '../testing/scan-run.js';
import { carve } from './carve.js';
import { CarveAbortedError } from './errors.js';

const SEGMENT = 256 * 1024;
let disk: Buffer;
let image: { path: string; remove(): Promise<void> };

/** Photos of many sizes (some larger than a segment) at sector and odd offsets, and one with a thumbnail. */
async function photos(): Promise<Buffer[]> {
  const out: Buffer[] = [];
  for (let i = 0; i < 14; i++) {
    const side = 120 + ((i * 97) % 5) * 180;
    const jpeg = await renderJpeg({ width: side, height: Math.round(side * 0.75), seed: 100 + i, quality: 95 });
    out.push(i % 5 === 2 ? withExifThumbnail(jpeg, await renderJpeg({ width: 80, height: 60, seed: 300 + i })) : jpeg);
  }
  return out;
}

beforeAll(async () => {
  const files = await photos();
  const aligned = layOut(files.slice(0, 9), 4096, 512, 30_000);
  const last = aligned.at(-1) as Placement;
  const odd = layOut(files.slice(9), last.offset + last.data.length + 5000, 1, 20_000, 0).map((p, i) => ({ ...p, offset: p.offset + 17 * (i + 1) }));
  const end = (odd.at(-1) as Placement).offset + (odd.at(-1) as Placement).data.length;
  disk = buildDisk(end + 300_000, [...aligned, ...odd], 77);
  image = await diskFile(disk);
});

afterAll(async () => {
  await image?.remove();
});

describe('carve: worker threads', () => {
  for (const blockSize of [512, 1]) {
    it(`finds exactly what an in-process scan finds, in the same order (blockSize ${blockSize})`, async () => {
      const reference = await runCarve(bufferSource(disk), { blockSize, workers: 1 });
      expect(reference.summary.threads).toBe(1);
      expect(reference.files.length).toBeGreaterThanOrEqual(blockSize === 1 ? 14 : 9);
      const source = await openFileSource(image.path);
      try {
        // This thread and two worker threads.
        const parallel = await runCarve(source, { blockSize, workers: 3, segmentSize: SEGMENT });
        expect(parallel.summary.threads).toBe(3);
        expect(startsAndHashes(parallel.files)).toEqual(startsAndHashes(reference.files));
        expect(parallel.files.map((f) => f.metadata)).toEqual(reference.files.map((f) => f.metadata));
      } finally {
        await source.close();
      }
    });
  }

  it('scans a partition-like slice of a file with workers, in the slice’s own offsets', async () => {
    const file = await openFileSource(image.path);
    try {
      const slice = sliceSource(file, 4096, disk.length - 4096);
      const reference = await runCarve(bufferSource(disk.subarray(4096)), { workers: 1 });
      const parallel = await runCarve(slice, { workers: 2, segmentSize: SEGMENT });
      expect(parallel.summary.threads).toBe(2);
      expect(startsAndHashes(parallel.files)).toEqual(startsAndHashes(reference.files));
      expect(parallel.files[0].byteRuns[0].offset).toBe(0);
    } finally {
      await file.close();
    }
  });

  it('scans in-process when the source is not a file, or there is one segment only', async () => {
    expect((await runCarve(bufferSource(disk), { workers: 2, segmentSize: SEGMENT })).summary.threads).toBe(1);
    const source = await openFileSource(image.path);
    try {
      expect((await runCarve(source, { workers: 2 })).summary.threads).toBe(1);
    } finally {
      await source.close();
    }
  });

  it('starts no worker thread by default for a scan far below a GiB, however many segments it has', async () => {
    const source = await openFileSource(image.path);
    try {
      expect((await runCarve(source, { segmentSize: SEGMENT })).summary.threads).toBe(1);
    } finally {
      await source.close();
    }
  });

  it('rescans in-process what a worker skipped inside a file the sequential scan cut short', async () => {
    // A corrupt JPEG whose last valid segment (an APP1) holds the head of an MPF set that goes on after
    // it. One scan cuts the corrupt file at the end of its APP1 and then finds the MPF secondary image;
    // the worker of the next segment finds the MPF set itself, which starts inside the corrupt file.
    const host = await renderJpeg({ width: 64, height: 48, seed: 5 });
    const head = headerSegments(host).filter((s) => s.marker !== 0xda);
    const beforeScan = host.subarray(0, head.at(-1)!.offset + head.at(-1)!.size);
    const secondary = await renderJpeg({ width: 160, height: 120, seed: 6 });
    const set = buildMpf(await renderJpeg({ width: 320, height: 240, seed: 7 }), [secondary]);
    let keep = 24;
    while (set[keep] === 0xff) keep++;
    const corrupt = Buffer.concat([beforeScan, segment(0xe1, set.subarray(0, keep)), set.subarray(keep)]);
    const at = SEGMENT - 40;
    const crafted = buildDisk(SEGMENT * 4, [{ offset: at, data: corrupt }], 5);
    const file = await diskFile(crafted);
    const source = await openFileSource(file.path);
    try {
      const reference = await runCarve(bufferSource(crafted), { blockSize: 1, workers: 1 });
      const secondaryAt = at + corrupt.length - secondary.length;
      expect(reference.files.map((f) => [f.byteRuns[0].offset, f.validation.state])).toEqual([
        [at, 'corrupt'],
        [secondaryAt, 'complete'],
      ]);
      const parallel = await runCarve(source, { blockSize: 1, workers: 2, segmentSize: SEGMENT });
      expect(parallel.summary.threads).toBe(2);
      expect(startsAndHashes(parallel.files)).toEqual(startsAndHashes(reference.files));
    } finally {
      await source.close();
      await file.remove();
    }
  });

  it('stops the workers when aborted', async () => {
    const source = await openFileSource(image.path);
    const controller = new AbortController();
    try {
      const run = async (): Promise<number> => {
        let n = 0;
        for await (const _ of carve(source, { workers: 2, segmentSize: SEGMENT, signal: controller.signal })) {
          if (++n === 2) controller.abort(new Error('enough'));
        }
        return n;
      };
      await expect(run()).rejects.toBeInstanceOf(CarveAbortedError);
    } finally {
      await source.close();
    }
  });
});
