import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { bufferSource } from '../../testing/buffer-source.js';
import { buildCr3, type Cr3Spec } from '../../testing/cr3-builder.js';
import { boxesIn, findBox } from '../../testing/isobmff-fixtures.js';
import { renderJpeg } from '../../testing/jpeg-fixtures.js';
import { randomBytes } from '../../testing/random.js';
import { thumbnailOf } from '../thumbnail.js';
import type { FormatMatch } from '../types.js';
import { cr3Format } from './cr3.js';

const filler = randomBytes(3000, 31);
const match = (data: Buffer, offset = 0): Promise<FormatMatch | null> => cr3Format.match(bufferSource(data), offset, { maxSize: data.length - offset });
const preview = (file: Buffer): Promise<Buffer | undefined> =>
  cr3Format.preview?.(bufferSource(Buffer.concat([filler.subarray(0, 512), file, filler])), { byteRuns: [{ offset: 512, length: file.length }], size: file.length }) ??
  Promise.resolve(undefined);
const CR3 = { id: 'cr3', extension: 'cr3', mimeType: 'image/x-canon-cr3' };

let spec: Cr3Spec;
beforeAll(async () => {
  spec = {
    full: { data: await renderJpeg({ width: 120, height: 80, seed: 1 }), width: 120, height: 80 },
    raw: randomBytes(5000, 2),
    preview: await renderJpeg({ width: 90, height: 60, seed: 3 }),
    thumbnail: await renderJpeg({ width: 40, height: 30, seed: 4 }),
  };
});

describe('cr3 format', () => {
  it('ends a CR3 at its mdat, with the full-size JPEG track\'s dimensions', async () => {
    const file = buildCr3(spec);
    expect(boxesIn(file).map((b) => b.type)).toEqual(['ftyp', 'moov', 'uuid', 'uuid', 'mdat']);
    expect(cr3Format.checkHeader(file.subarray(0, cr3Format.headerBytes))).toBe(true);
    expect(await match(Buffer.concat([filler.subarray(0, 64), file, filler]), 64)).toEqual({
      length: file.length,
      validation: { state: 'complete', reasons: [] },
      dimensions: { width: 120, height: 80 },
      kind: CR3,
    });
  });

  it('previews the PRVW JPEG, else the THMB one, else nothing', async () => {
    expect(await preview(buildCr3(spec))).toEqual(spec.preview);
    expect(await preview(buildCr3({ ...spec, preview: undefined }))).toEqual(spec.thumbnail);
    expect(await preview(buildCr3({ ...spec, preview: undefined, thumbnail: undefined }))).toBeUndefined();
  });

  it('gives the engine its preview as the thumbnail', async () => {
    const file = buildCr3(spec);
    const thumb = await thumbnailOf(bufferSource(file), { format: 'cr3', byteRuns: [{ offset: 0, length: file.length }], size: file.length });
    expect(await sharp(thumb.data).metadata()).toMatchObject({ format: 'jpeg', width: 90, height: 60 });
  });

  it('calls a CR3 cut inside its RAW data truncated, and one whose chunks point outside corrupt', async () => {
    const file = buildCr3(spec);
    const cut = await match(file.subarray(0, file.length - 1000));
    expect(cut?.validation.state).toBe('truncated');
    const outside = buildCr3({ ...spec, offsetShift: 1 << 20 });
    const m = await match(Buffer.concat([outside, filler]));
    expect(m?.validation.state).toBe('corrupt');
    expect(m?.validation.reasons.join('; ')).toMatch(/past the file's end/);
  });

  it('cuts a CR3 whose preview box header is overwritten after the moov', async () => {
    const file = buildCr3(spec);
    const broken = Buffer.from(file);
    const xmp = boxesIn(file)[2];
    broken.fill(0xee, xmp.start, xmp.start + 8);
    const m = await match(Buffer.concat([broken, filler]));
    expect(m).toMatchObject({ length: findBox(file, ['moov']).end, validation: { state: 'corrupt' } });
  });
});
