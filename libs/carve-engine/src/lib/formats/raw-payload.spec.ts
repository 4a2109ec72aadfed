import { beforeAll, describe, expect, it } from 'vitest';
import { buildDisk } from '../../testing/disk.js';
import { carveDisk, cutShort, foundAt, overwritten, sha256, type PayloadScenario } from '../../testing/payload-scenario.js';
import { CONTAINER_RAW_BUILDERS } from '../../testing/raw-container-fixtures.js';
import type { RawSample } from '../../testing/tiff-raw-fixtures.js';
import { renderJpeg } from '../../testing/jpeg-fixtures.js';
import type { CarvedFile } from '../types.js';

let samples: RawSample[];
beforeAll(async () => {
  samples = await Promise.all(CONTAINER_RAW_BUILDERS.map((build) => build()));
});

const sample = (kind: string): RawSample => samples.find((s) => s.kind === kind) as RawSample;
/** The first unverifiable run the builder put in the sample: the raw sensor data. */
const raw = (s: RawSample): { offset: number; length: number } => {
  const run = s.payload?.reduce((a, b) => (b.length > a.length ? b : a));
  if (!run) throw new Error(`${s.kind} sample has no raw data`);
  return run;
};

/** The RAW comes back cut where the JPEG starts, corrupt, saying why; the photos come back exact. */
function expectCutAtThePhotos(found: readonly CarvedFile[], kind: string, { base, jpeg, png }: PayloadScenario): void {
  const outer = foundAt(found, base);
  expect(outer).toMatchObject({ format: kind, size: jpeg.at - base, validation: { state: 'corrupt' } });
  expect(outer?.validation.reasons.join(' ')).toContain(`a complete jpeg file starts at byte ${jpeg.at - base}, inside the data this file claims: cut there`);
  expect(foundAt(found, jpeg.at)).toMatchObject({ format: 'jpeg', sha256: sha256(jpeg.data), validation: { state: 'complete' } });
  expect(foundAt(found, png.at)).toMatchObject({ format: 'png', sha256: sha256(png.data), validation: { state: 'complete' } });
}

describe('RAW data claims no other photo (RAF, CRW, MRW, X3F)', () => {
  for (const kind of ['raf', 'crw', 'mrw', 'x3f']) {
    for (const blockSize of [512, 1]) {
      it(`${kind}: photos written over its raw data cut it there (block size ${blockSize})`, async () => {
        const s = sample(kind);
        const { offset, length } = raw(s);
        const scenario = await overwritten(s.data, offset + 600, offset + length);
        expectCutAtThePhotos(await carveDisk(scenario.disk, blockSize), kind, scenario);
      });
    }

    it(`${kind}: a whole file is left alone, its previews and a photo stored right behind it too`, async () => {
      const s = sample(kind);
      const behind = await renderJpeg({ width: 64, height: 48, seed: 77 });
      const behindAt = Math.ceil((8192 + s.data.length) / 512) * 512;
      const disk = buildDisk(behindAt + behind.length + 16_384, [{ offset: 8192, data: s.data }, { offset: behindAt, data: behind }]);
      for (const blockSize of [512, 1]) {
        const found = await carveDisk(disk, blockSize);
        expect(foundAt(found, 8192)).toMatchObject({ format: kind, size: s.data.length, sha256: sha256(s.data), validation: { state: 'complete', reasons: [] } });
        expect(foundAt(found, behindAt)).toMatchObject({ format: 'jpeg', sha256: sha256(behind) });
        // The embedded previews (and the TIFF headers in their EXIF) are not findings of their own.
        expect(found.filter((f) => f.byteRuns[0].offset > 8192 && f.byteRuns[0].offset < 8192 + s.data.length)).toEqual([]);
      }
    });
  }

  // RAF and MRW name their raw data's place and size in the header: a file cut short still claims it.
  for (const kind of ['raf', 'mrw']) {
    for (const blockSize of [512, 1]) {
      it(`${kind}: cut short, its raw data's size no longer hides the photos stored behind it (block size ${blockSize})`, async () => {
        const s = sample(kind);
        const { offset, length } = raw(s);
        const scenario = await cutShort(s.data, offset + 2048, offset + length);
        expectCutAtThePhotos(await carveDisk(scenario.disk, blockSize), kind, scenario);
      });
    }
  }
});
