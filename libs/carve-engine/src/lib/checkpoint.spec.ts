import { openFileSource } from '@afterimage/fs-parsers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bufferSource } from '../testing/buffer-source.js';
import { buildDisk, type Placement } from '../testing/disk.js';
import { renderJpeg } from '../testing/jpeg-fixtures.js';
import { randomBytes } from '../testing/random.js';
import { diskFile, runCarve, startsAndHashes } from '../testing/scan-run.js';
import type { CarveSource } from './byte-source.js';
import type { CarveOptions, CarveProgress } from './carve.js';
import type { CarveCheckpoint } from './checkpoint.js';
import { CarveAbortedError, CarveError } from './errors.js';
import type { CarvedFile } from './types.js';

let disk: Buffer;
let image: { path: string; remove(): Promise<void> };

beforeAll(async () => {
  const placements: Placement[] = [];
  let offset = 2048;
  for (let i = 0; i < 16; i++) {
    let data = await renderJpeg({ width: 200 + 40 * (i % 6), height: 150, seed: 200 + i, quality: 92 });
    if (i === 7) {
      // A damaged photo far from the next one, so keepCorrupt holds it back over several checkpoints.
      data = Buffer.from(await renderJpeg({ width: 800, height: 600, seed: 500, quality: 95 }));
      randomBytes(4096, 501).copy(data, Math.floor(data.length / 2));
    }
    placements.push({ offset: offset + (i % 3) * 7, data });
    offset += Math.ceil((data.length + 40_000 + i * 9000) / 512) * 512 + (i === 7 ? 700_000 : 0);
  }
  disk = buildDisk(offset + 100_000, placements, 21);
  image = await diskFile(disk);
});

afterAll(async () => {
  await image?.remove();
});

/** Scans until the `nth` checkpoint and stops there, as a killed process would; the checkpoint as stored. */
async function interrupted(source: CarveSource, options: CarveOptions, nth: number): Promise<CarveCheckpoint> {
  const controller = new AbortController();
  const seen: CarveCheckpoint[] = [];
  const onCheckpoint = (c: CarveCheckpoint): void => {
    seen.push(c);
    if (seen.length === nth) controller.abort(new Error('power cut'));
  };
  const error = await runCarve(source, { ...options, signal: controller.signal, onCheckpoint }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(CarveAbortedError);
  expect(seen).toHaveLength(nth);
  return JSON.parse(JSON.stringify(seen[nth - 1])) as CarveCheckpoint;
}

/** Interrupts the scan at some of its checkpoints (1-based; default first, middle, last) and resumes it. */
async function checkResumes(open: () => Promise<CarveSource>, options: CarveOptions, pick?: (checkpoints: CarveCheckpoint[]) => number[]): Promise<void> {
  const source = await open();
  try {
    const checkpoints: CarveCheckpoint[] = [];
    const reference = await runCarve(source, { ...options, onCheckpoint: (c) => checkpoints.push(c) });
    expect(checkpoints.length).toBeGreaterThan(3);
    const nths = pick?.(checkpoints) ?? [1, Math.ceil(checkpoints.length / 2), checkpoints.length];
    expect(nths.length).toBeGreaterThan(0);
    for (const nth of nths) {
      const checkpoint = await interrupted(source, options, nth);
      expect(checkpoint).toEqual(JSON.parse(JSON.stringify(checkpoints[nth - 1])));
      const progress: CarveProgress[] = [];
      const resumed = await runCarve(source, { ...options, resumeFrom: checkpoint, onProgress: (p) => progress.push(p) });
      const handedOut = reference.files.slice(0, checkpoint.findings);
      expect(handedOut.every((f) => f.byteRuns[0].offset < checkpoint.nextOffset)).toBe(true);
      expect(startsAndHashes([...handedOut, ...resumed.files])).toEqual(startsAndHashes(reference.files));
      expect(progress[0].bytesDone).toBeGreaterThanOrEqual(checkpoint.bytesDone);
      expect(progress.at(-1)).toMatchObject({ bytesDone: disk.length, bytesTotal: disk.length });
      expect(Object.values(progress.at(-1)?.findingsByFormat ?? {}).reduce((a, b) => a + b, 0)).toBe(reference.files.length);
    }
  } finally {
    await source.close();
  }
}

describe('carve: checkpoints', () => {
  const small = { chunkSize: 64 * 1024, checkpointEvery: 256 * 1024 };

  it('resumes an in-process scan without repeating or missing a finding', async () => {
    await checkResumes(async () => bufferSource(disk), { ...small, workers: 1 });
    await checkResumes(async () => bufferSource(disk), { ...small, workers: 1, blockSize: 1 });
  });

  it('resumes with keepCorrupt, also from a checkpoint made while a corrupt file was held back', async () => {
    const options: CarveOptions = { ...small, checkpointEvery: 1, workers: 1, keepCorrupt: true, blockSize: 1 };
    const { files } = await runCarve(bufferSource(disk), options);
    const corrupt = files.find((f) => f.validation.state === 'corrupt') as CarvedFile;
    expect(corrupt.validation.reasons.at(-1)).toMatch(/^kept \d+ bytes .* up to the next file found/);
    const start = corrupt.byteRuns[0].offset;
    // A checkpoint made while it waited for the next file points back at its start (nothing after it was handed out).
    await checkResumes(async () => bufferSource(disk), options, (checkpoints) => {
      expect(checkpoints.every((c) => c.nextOffset <= start || c.nextOffset >= start + corrupt.size)).toBe(true);
      const held = checkpoints.findIndex((c) => c.nextOffset === start);
      expect(held).toBeGreaterThan(0);
      return [held + 1, held + 2];
    });
  });

  it('resumes a scan in worker threads', async () => {
    await checkResumes(() => openFileSource(image.path), { ...small, workers: 2, segmentSize: 256 * 1024 }, (c) => [2, c.length]);
  });

  it('refuses a checkpoint of another source or other settings', async () => {
    let checkpoint: CarveCheckpoint | undefined;
    await runCarve(bufferSource(disk), { ...small, workers: 1, onCheckpoint: (c) => (checkpoint ??= c) });
    const resumeFrom = checkpoint as CarveCheckpoint;
    await expect(runCarve(bufferSource(disk.subarray(1)), { resumeFrom })).rejects.toThrow(CarveError);
    await expect(runCarve(bufferSource(disk), { resumeFrom, keepCorrupt: true })).rejects.toThrow(/other settings/);
    await expect(runCarve(bufferSource(disk), { resumeFrom, blockSize: 1 })).rejects.toThrow(/block size 512/);
    await expect(runCarve(bufferSource(disk), { resumeFrom, ranges: [{ offset: 0, length: 10 }] })).rejects.toThrow(/other ranges/);
    await expect(runCarve(bufferSource(disk), { resumeFrom: { ...resumeFrom, nextOffset: -5 } })).rejects.toThrow(/nextOffset/);
  });
});
