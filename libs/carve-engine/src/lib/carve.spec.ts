import { randomFillSync as randomFill } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { bufferSource } from '../testing/buffer-source.js';
import { buildSampleDisk, type SampleDisk, type SampleFile } from '../testing/sample-disk.js';
import type { CarveSource } from './byte-source.js';
import { carve, type CarveOptions, type CarveProgress } from './carve.js';
import { CarveAbortedError, CarveError } from './errors.js';
import type { CarvedFile } from './types.js';

let sample: SampleDisk;
beforeAll(async () => {
  sample = await buildSampleDisk();
});

async function collect(source: CarveSource, options: CarveOptions = {}): Promise<CarvedFile[]> {
  const out: CarvedFile[] = [];
  for await (const file of carve(source, options)) out.push(file);
  return out;
}

const byName = (name: string): SampleFile => {
  const file = sample.files.find((f) => f.name === name);
  if (!file) throw new Error(`no sample ${name}`);
  return file;
};
const offsets = (files: readonly CarvedFile[]): number[] => files.map((f) => f.byteRuns[0].offset);

describe('carve', () => {
  it('finds every photo at a block boundary with its exact bytes, and none of the unaligned ones', async () => {
    const found = await collect(bufferSource(sample.disk));
    const aligned = sample.files.filter((f) => f.aligned);
    expect(offsets(found)).toEqual(aligned.map((f) => f.offset));
    for (const [i, file] of found.entries()) {
      expect(file.byteRuns).toEqual([{ offset: aligned[i].offset, length: aligned[i].data.length }]);
      expect(file.size).toBe(aligned[i].data.length);
      expect(file.sha256).toBe(aligned[i].sha256);
      expect(file).toMatchObject({ format: 'jpeg', extension: 'jpg', mimeType: 'image/jpeg' });
    }
  });

  it('finds the unaligned ones too at byte level, and nothing else', async () => {
    const found = await collect(bufferSource(sample.disk), { blockSize: 1 });
    expect(offsets(found)).toEqual(sample.files.map((f) => f.offset));
    expect(found.map((f) => f.sha256)).toEqual(sample.files.map((f) => f.sha256));
  });

  it('never reports an embedded thumbnail or an MPF secondary image as a file of its own', async () => {
    const found = offsets(await collect(bufferSource(sample.disk), { blockSize: 1 }));
    expect(found).not.toContain(sample.thumbnail.offset);
    expect(found).not.toContain(sample.mpfSecondaryOffset);
  });

  it('reads camera metadata back: make, model, date, lens, GPS, size', async () => {
    const [camera] = await collect(bufferSource(sample.disk), { ranges: [{ offset: 0, length: 100_000 }] });
    expect(camera.metadata).toMatchObject({
      make: 'Afterimage',
      model: 'TestCam',
      takenAt: '2023-07-14T09:26:53+02:00',
      lens: 'Test Lens 35mm',
      width: 320,
      height: 240,
      orientation: 1,
    });
    expect(camera.metadata.gps?.latitude).toBeCloseTo(51.50897, 4);
    expect(camera.metadata.gps?.longitude).toBeCloseTo(-0.128794, 4);
    expect(camera.validation).toEqual({ state: 'complete', reasons: [] });
  });

  it('flags which files carry an embedded thumbnail', async () => {
    const found = await collect(bufferSource(sample.disk));
    const withThumb = byName('thumbnail.jpg').offset;
    for (const file of found) expect(file.hasThumbnail).toBe(file.byteRuns[0].offset === withThumb);
  });

  it('reports a photo cut off by the end of the source as truncated', async () => {
    const found = await collect(bufferSource(sample.disk));
    const last = found[found.length - 1];
    expect(last.byteRuns[0].offset).toBe(byName('truncated.jpg').offset);
    expect(last.validation.state).toBe('truncated');
    expect(last.sha256).toBe(byName('truncated.jpg').sha256);
  });

  it('scans only the given ranges (a candidate must start inside one)', async () => {
    const mpo = byName('multi.mpo');
    const found = await collect(bufferSource(sample.disk), {
      ranges: [{ offset: mpo.offset - 1000, length: 1001 }, { offset: 1_000_000, length: 100_000 }, { offset: 2_000_000, length: 5 }],
    });
    expect(offsets(found)).toEqual([mpo.offset]);
    expect(found[0].size).toBe(mpo.data.length);
  });

  it('gives the same result whatever the chunk size, also for signatures straddling chunk edges', async () => {
    const reference = offsets(await collect(bufferSource(sample.disk), { blockSize: 1 }));
    for (const chunkSize of [1000, 4093, 65_536, 150_000]) {
      expect(offsets(await collect(bufferSource(sample.disk), { blockSize: 1, chunkSize }))).toEqual(reference);
      expect(offsets(await collect(bufferSource(sample.disk), { chunkSize }))).toEqual(reference.filter((o) => o % 512 === 0));
    }
    const odd = byName('odd-1.jpg').offset;
    const edge = await collect(bufferSource(sample.disk), { blockSize: 1, chunkSize: odd + 2 });
    expect(offsets(edge)).toContain(odd);
  });

  it('reads in bounded pieces, never the whole source at once', async () => {
    const source = bufferSource(sample.disk);
    await collect(source, { blockSize: 1, chunkSize: 65_536 });
    expect(source.stats.largestRead).toBeLessThanOrEqual(256 * 1024);
  });

  it('reports progress up to the total, with counts per format', async () => {
    const seen: CarveProgress[] = [];
    const found = await collect(bufferSource(sample.disk), { chunkSize: 100_000, onProgress: (p) => seen.push(p) });
    expect(seen.length).toBeGreaterThan(5);
    for (let i = 1; i < seen.length; i++) expect(seen[i].bytesDone).toBeGreaterThanOrEqual(seen[i - 1].bytesDone);
    expect(seen.at(-1)).toMatchObject({ bytesDone: sample.disk.length, bytesTotal: sample.disk.length, findingsByFormat: { jpeg: found.length } });
    expect(seen.at(-1)?.alignment).toEqual({ blockSize: 512, offset: 0 });
    expect(seen.at(-1)?.rateBytesPerSecond).toBeGreaterThan(0);
  });

  it('keeps going past a region it cannot read, reporting it', async () => {
    const inner = bufferSource(sample.disk);
    const bad = { from: 300_000, to: 350_000 };
    const flaky: CarveSource = {
      ...inner,
      read: (offset, length) => (offset < bad.to && offset + length > bad.from ? Promise.reject(new Error('EIO')) : inner.read(offset, length)),
    };
    const errors: CarveError[] = [];
    const found = await collect(flaky, { chunkSize: 50_000, onError: (e) => errors.push(e) });
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0]).toBeInstanceOf(CarveError);
    expect((errors[0].cause as Error).message).toBe('EIO');
    expect(offsets(found)).toContain(byName('multi.mpo').offset);
    expect(offsets(found)).toContain(byName('camera.jpg').offset);
  });

  it('tells which areas it could not read, in the small steps it read them again in', async () => {
    const inner = bufferSource(sample.disk);
    const badSector = 600 * 512;
    const flaky: CarveSource = {
      ...inner,
      read: (offset, length) =>
        offset < badSector + 512 && offset + length > badSector ? Promise.reject(Object.assign(new Error('EIO: i/o error, read'), { code: 'EIO' })) : inner.read(offset, length),
    };
    const areas: { offset: number; length: number; code: unknown }[] = [];
    await collect(flaky, { chunkSize: 1 << 20, onUnreadable: (area, cause) => areas.push({ ...area, code: (cause as NodeJS.ErrnoException).code }) });
    // One 64 KiB step holds the bad sector; every other byte was read.
    expect(areas).toEqual([{ offset: Math.floor(badSector / 65_536) * 65_536, length: 65_536, code: 'EIO' }]);
  });

  it('reads a chunk that fails again in small steps, so one bad sector costs only the files it touches', async () => {
    const inner = bufferSource(sample.disk);
    const all = await collect(inner, {});
    const victim = all[Math.floor(all.length / 2)]!;
    const badSector = victim.byteRuns[0].offset + 512 * Math.floor(victim.size / 1024);
    const flaky: CarveSource = {
      ...inner,
      read: (offset, length) => (offset < badSector + 512 && offset + length > badSector ? Promise.reject(new Error('EIO')) : inner.read(offset, length)),
    };
    const errors: CarveError[] = [];
    const found = await collect(flaky, { chunkSize: 4 << 20, onError: (e) => errors.push(e) });
    const touches = (f: CarvedFile) => f.byteRuns[0].offset <= badSector && badSector < f.byteRuns[0].offset + f.size;
    const step = (offset: number) => Math.floor(offset / 65_536);
    // Every file that neither holds the bad sector nor starts in its 64 KiB step is still found.
    const expected = all.filter((f) => !touches(f) && step(f.byteRuns[0].offset) !== step(badSector));
    expect(expected.length).toBeGreaterThan(all.length - 4);
    expect(offsets(found)).toEqual(expect.arrayContaining(offsets(expected)));
    expect(offsets(found)).not.toContain(victim.byteRuns[0].offset);
    expect(errors.length).toBeGreaterThan(0);
  });

  it('refuses nonsense options', async () => {
    await expect(collect(bufferSource(sample.disk), { blockSize: 0 })).rejects.toBeInstanceOf(CarveError);
    await expect(collect(bufferSource(sample.disk), { ranges: [{ offset: -1, length: 5 }] })).rejects.toBeInstanceOf(CarveError);
  });

  it('caps file sizes with maxFileSize', async () => {
    const [camera] = await collect(bufferSource(sample.disk), { ranges: [{ offset: 0, length: 100_000 }], maxFileSize: 10_000 });
    expect(camera).toMatchObject({ size: 10_000, validation: { state: 'corrupt' } });
  });
});

describe('carve: abort', () => {
  it('throws at once when the signal already fired', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(collect(bufferSource(sample.disk), { signal: controller.signal })).rejects.toBeInstanceOf(CarveAbortedError);
  });

  it('stops between findings', async () => {
    const controller = new AbortController();
    const found: CarvedFile[] = [];
    const run = async (): Promise<void> => {
      for await (const file of carve(bufferSource(sample.disk), { signal: controller.signal })) {
        found.push(file);
        controller.abort();
      }
    };
    const error = await run().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CarveAbortedError);
    expect((error as Error).name).toBe('AbortError');
    expect(found).toHaveLength(1);
  });

  it('stops a long scan promptly', async () => {
    const big = randomFill(Buffer.alloc(64 * 1024 * 1024));
    const controller = new AbortController();
    let last = 0;
    const started = Date.now();
    const run = collect(bufferSource(big), {
      blockSize: 1,
      chunkSize: 1024 * 1024,
      signal: controller.signal,
      onProgress: (p) => {
        last = p.bytesDone;
        if (p.bytesDone >= 8 * 1024 * 1024) controller.abort(new Error('user cancelled'));
      },
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError', cause: new Error('user cancelled') });
    expect(last).toBeLessThan(big.length);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
