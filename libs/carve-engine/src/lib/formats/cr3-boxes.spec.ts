import { beforeAll, describe, expect, it } from 'vitest';
import { bufferSource } from '../../testing/buffer-source.js';
import { buildCr3, type Cr3Spec } from '../../testing/cr3-builder.js';
import { boxesIn, type BoxInfo } from '../../testing/isobmff-fixtures.js';
import { renderJpeg } from '../../testing/jpeg-fixtures.js';
import { carveDisk, cutShort, foundAt, sha256 } from '../../testing/payload-scenario.js';
import { randomBytes } from '../../testing/random.js';
import type { FormatMatch } from '../types.js';
import { cr3Format } from './cr3.js';

const filler = randomBytes(200_000, 41);
const match = (data: Buffer): Promise<FormatMatch | null> => cr3Format.match(bufferSource(data), 0, { maxSize: data.length });
const reasons = (m: FormatMatch | null): string => m?.validation.reasons.join('; ') ?? '';

let file: Buffer;
let preview: BoxInfo;
/** The PRVW box: 8 bytes into the preview uuid box's content. */
let prvwAt: number;
let thmbAt: number;
beforeAll(async () => {
  const spec: Cr3Spec = {
    full: { data: await renderJpeg({ width: 120, height: 80, seed: 1 }), width: 120, height: 80 },
    raw: randomBytes(5000, 2),
    preview: await renderJpeg({ width: 240, height: 160, seed: 3 }),
    thumbnail: await renderJpeg({ width: 40, height: 30, seed: 4 }),
  };
  file = buildCr3(spec);
  preview = boxesIn(file)[3];
  prvwAt = preview.start + 8 + 16 + 8;
  thmbAt = file.indexOf('THMB') - 4;
  expect(file.toString('latin1', prvwAt + 4, prvwAt + 8)).toBe('PRVW');
});

/** A copy with a 32-bit value written at `at`. */
const patched = (at: number, value: number): Buffer => {
  const out = Buffer.from(file);
  out.writeUInt32BE(value, at);
  return out;
};

describe("cr3: Canon's preview and thumbnail boxes", () => {
  it('leaves a well-formed CR3 complete, with no payload', async () => {
    expect(await match(Buffer.concat([file, filler]))).toMatchObject({ length: file.length, validation: { state: 'complete', reasons: [] } });
    expect((await match(Buffer.concat([file, filler])))?.payload).toBeUndefined();
  });

  it('calls an excerpt that ends inside the preview box truncated when the source ends there', async () => {
    const excerpt = file.subarray(0, prvwAt + 3000);
    const m = await match(excerpt);
    expect(m).toMatchObject({ length: excerpt.length, validation: { state: 'truncated' } });
    expect(reasons(m)).toMatch(/the source ends inside the 'uuid' box/);
  });

  for (const blockSize of [512, 1]) {
    it(`cuts an excerpt whose preview box reaches over the photos stored behind it where its JPEG breaks (block size ${blockSize})`, async () => {
      const kept = prvwAt + 3000;
      const scenario = await cutShort(file, kept, preview.end);
      const found = await carveDisk(scenario.disk, blockSize);
      const cr3 = foundAt(found, scenario.base);
      expect(cr3).toMatchObject({ format: 'cr3', validation: { state: 'corrupt' } });
      expect(cr3!.size).toBeGreaterThanOrEqual(kept);
      expect(cr3!.size).toBeLessThanOrEqual(scenario.jpeg.at - scenario.base);
      expect(cr3!.validation.reasons[0]).toMatch(new RegExp(`^the preview box at byte ${preview.start} claims ${preview.end - preview.start} bytes, but the PRVW preview's JPEG breaks .*: the file is cut at byte ${cr3!.size}$`));
      expect(foundAt(found, scenario.jpeg.at)).toMatchObject({ format: 'jpeg', sha256: sha256(scenario.jpeg.data), validation: { state: 'complete' } });
      expect(foundAt(found, scenario.png.at)).toMatchObject({ format: 'png', sha256: sha256(scenario.png.data), validation: { state: 'complete' } });
    });
  }

  it('still cuts at the photos when the broken JPEG seems to run on over them (a stray APP1 marker skips 64 KB)', async () => {
    const kept = prvwAt + 3000;
    const scenario = await cutShort(file, kept, preview.end);
    Buffer.from([0xff, 0xe1, 0xff, 0xff]).copy(scenario.disk, scenario.base + kept);
    const found = await carveDisk(scenario.disk, 512);
    const cr3 = foundAt(found, scenario.base);
    expect(cr3).toMatchObject({ format: 'cr3', size: scenario.jpeg.at - scenario.base, validation: { state: 'corrupt' } });
    expect(cr3!.validation.reasons.join('; ')).toContain(`a complete jpeg file starts at byte ${scenario.jpeg.at - scenario.base}, inside the data this file claims`);
    expect(foundAt(found, scenario.jpeg.at)).toMatchObject({ format: 'jpeg', sha256: sha256(scenario.jpeg.data) });
    expect(foundAt(found, scenario.png.at)).toMatchObject({ format: 'png', sha256: sha256(scenario.png.data) });
  });

  it('cuts a file whose preview box claims more than its PRVW where the PRVW ends', async () => {
    const claimed = preview.end - preview.start + 100_000;
    const m = await match(Buffer.concat([patched(preview.start, claimed), filler]));
    expect(m).toMatchObject({ length: preview.end, validation: { state: 'corrupt' } });
    expect(m?.validation.reasons[0]).toBe(`the preview box at byte ${preview.start} claims ${claimed} bytes, but its PRVW box ends at byte ${preview.end}: the file is cut at byte ${preview.end}`);
    // The same box cut off by the end of the source: the verified PRVW still bounds it.
    expect(await match(patched(preview.start, claimed))).toMatchObject({ length: preview.end, validation: { state: 'corrupt' } });
  });

  it.each([
    ['a PRVW box running past its preview box', () => patched(prvwAt, preview.end - prvwAt + 5000), /the PRVW box \(\d+ bytes\) runs past the end of its preview box/],
    ['a PRVW JPEG length past its box', () => patched(prvwAt + 20, 0xffffffff), /the PRVW preview says its JPEG has 4294967295 bytes, but the box has room for \d+/],
    ['a PRVW without a JPEG', () => patched(prvwAt + 24, 0), /the PRVW preview holds no JPEG stream/],
    ['a THMB box running past Canon\'s box', () => patched(thmbAt, 100_000), /Canon's metadata box: 'THMB' box at \d+ runs past the end of its parent 'uuid'/],
    ['a THMB JPEG cut short by its length', () => patched(thmbAt + 16, 300), /the THMB thumbnail box's JPEG breaks 300 bytes in/],
  ])('calls a whole file with %s corrupt, saying so, without cutting it', async (_, make, reason) => {
    const m = await match(Buffer.concat([make(), filler.subarray(0, 4000)]));
    expect(m).toMatchObject({ length: file.length, validation: { state: 'corrupt' } });
    expect(reasons(m)).toMatch(reason);
  });
});
