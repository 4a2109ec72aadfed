import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { bufferSource } from '../../testing/buffer-source.js';
import { buildHeif, exifItemWithThumbnail, type HeifSpec } from '../../testing/heif-builder.js';
import { box, fullBox, u16 } from '../../testing/isobmff-builder.js';
import { findBox, isobmffFixture } from '../../testing/isobmff-fixtures.js';
import { renderJpeg } from '../../testing/jpeg-fixtures.js';
import { randomBytes } from '../../testing/random.js';
import type { FormatMatch } from '../types.js';
import { heicFormat } from './heic.js';

const filler = randomBytes(3000, 29);
const match = (data: Buffer, offset = 0): Promise<FormatMatch | null> => heicFormat.match(bufferSource(data), offset, { maxSize: data.length - offset });
const preview = (file: Buffer): Promise<Buffer | undefined> =>
  heicFormat.preview?.(bufferSource(Buffer.concat([filler.subarray(0, 100), file, filler])), { byteRuns: [{ offset: 100, length: file.length }], size: file.length }) ??
  Promise.resolve(undefined);
const HEIC = { id: 'heic', extension: 'heic', mimeType: 'image/heic' };
const hevc = (seed: number): HeifSpec['primary'] => ({ type: 'hvc1', data: randomBytes(900, seed), size: { width: 640, height: 480 } });

let thumbnail: Buffer;
beforeAll(async () => {
  thumbnail = await renderJpeg({ width: 64, height: 48, seed: 9 });
});

describe('heic format: real encoders', () => {
  it.each(['photo.heic', 'thumb.heic'])('ends heif-enc\'s %s at its last box, 64×48, with no JPEG to preview', async (name) => {
    const file = isobmffFixture(name);
    expect(heicFormat.checkHeader(file.subarray(0, heicFormat.headerBytes))).toBe(true);
    expect(await match(Buffer.concat([file, filler]))).toEqual({
      length: file.length,
      validation: { state: 'complete', reasons: [] },
      dimensions: { width: 64, height: 48 },
      kind: HEIC,
    });
    expect(await preview(file)).toBeUndefined();
  });

  it('carves an AVIF from sharp as avif', async () => {
    const avif = await sharp({ create: { width: 40, height: 24, channels: 3, background: { r: 200, g: 30, b: 90 } } }).avif({ quality: 40 }).toBuffer();
    expect(await match(Buffer.concat([avif, filler]))).toEqual({
      length: avif.length,
      validation: { state: 'complete', reasons: [] },
      dimensions: { width: 40, height: 24 },
      kind: { id: 'avif', extension: 'avif', mimeType: 'image/avif' },
    });
  });

  it('names a mif1 file by its compatible brands, with file-type\'s MIME type for mif1', async () => {
    const m = await match(buildHeif({ brands: ['mif1', 'mif1', 'heic'], primary: hevc(1) }));
    expect(m?.kind).toEqual({ id: 'heic', extension: 'heic', mimeType: 'image/heif' });
    const avif = await match(buildHeif({ brands: ['mif1', 'mif1', 'avif'], primary: { type: 'av01', data: randomBytes(50, 2) } }));
    expect(avif?.kind).toEqual({ id: 'avif', extension: 'avif', mimeType: 'image/heif' });
  });
});

describe('heic format: layouts and previews', () => {
  it('keeps a motion photo\'s video (mdat first, then meta, then mpvd) in the file', async () => {
    const file = buildHeif({ primary: hevc(3), mdatFirst: true, trailer: [box('mpvd', randomBytes(2000, 4)), box('sefd', Buffer.alloc(30))] });
    expect(await match(Buffer.concat([file, filler]))).toMatchObject({ length: file.length, validation: { state: 'complete' }, dimensions: { width: 640, height: 480 } });
  });

  it('previews a JPEG thumbnail item', async () => {
    const file = buildHeif({ primary: hevc(5), thumbnail: { type: 'jpeg', data: thumbnail, size: { width: 64, height: 48 } } });
    expect((await match(file))?.validation.state).toBe('complete');
    expect(await preview(file)).toEqual(thumbnail);
  });

  it('previews the thumbnail in the Exif item when there is no JPEG item', async () => {
    const file = buildHeif({ primary: hevc(6), thumbnail: { type: 'hvc1', data: randomBytes(100, 7) }, exif: exifItemWithThumbnail(thumbnail) });
    expect((await match(file))?.validation.state).toBe('complete');
    expect(await preview(file)).toEqual(thumbnail);
  });

  it('bounds a size-0 mdat by the last item extent (truncated when the source ends before it)', async () => {
    const file = buildHeif({ primary: hevc(8) });
    file.writeUInt32BE(0, findBox(file, ['mdat']).start);
    const m = await match(Buffer.concat([file, filler]));
    expect(m).toMatchObject({ length: file.length, validation: { state: 'complete', reasons: [expect.stringMatching(/size 0/)] } });
    const cut = await match(file.subarray(0, file.length - 10));
    expect(cut).toMatchObject({ length: file.length - 10, validation: { state: 'truncated', reasons: [expect.stringMatching(/size 0.*past the end of the source/)] } });
  });
});

describe('heic format: damage', () => {
  const file = buildHeif({ primary: hevc(10), thumbnail: { type: 'jpeg', data: randomBytes(300, 11) } });

  it('calls a file cut inside its mdat truncated', async () => {
    const m = await match(file.subarray(0, file.length - 200));
    expect(m).toMatchObject({ length: file.length - 200, validation: { state: 'truncated' }, kind: HEIC });
  });

  it('says when item extents lie outside the file: corrupt mid-disk, truncated at the source end', async () => {
    const outside = buildHeif({ primary: hevc(10), offsetShift: 50_000 });
    const amid = await match(Buffer.concat([outside, filler]));
    expect(amid).toMatchObject({ length: outside.length, validation: { state: 'corrupt' } });
    expect(amid?.validation.reasons.join('; ')).toMatch(/points at media data up to \d+, past the file's end/);
    expect((await match(outside))?.validation.state).toBe('truncated');
  });

  it('cuts at the meta when the mdat header is overwritten', async () => {
    const broken = Buffer.from(file);
    const mdat = findBox(file, ['mdat']);
    broken.fill(0, mdat.start, mdat.start + 8);
    const m = await match(Buffer.concat([broken, filler]));
    expect(m).toMatchObject({ length: mdat.start, validation: { state: 'corrupt' } });
  });

  it('calls a meta without a primary item or locations corrupt, and one without a meta no finding', async () => {
    const meta = findBox(file, ['meta']);
    const noPitm = Buffer.from(file);
    noPitm.write('pitX', findBox(file, ['meta', 'pitm']).start + 4, 'latin1');
    const m = await match(Buffer.concat([noPitm, filler]));
    expect(m?.validation).toMatchObject({ state: 'corrupt', reasons: ['no primary item (pitm)'] });
    const noMeta = Buffer.from(file);
    noMeta.write('\0\0\0\0', meta.start + 4, 'latin1');
    expect(await match(Buffer.concat([noMeta, filler]))).toBeNull();
  });

  it('stops hostile item tables quickly: countless zero-width extents, entries and associations', async () => {
    // iloc version 1 with every field size 0: 100 items of 65535 extents that take no bytes at all.
    const items = Array.from({ length: 100 }, (_, i) => u16(i + 1, 0, 0, 0xffff));
    const hostile = buildHeif({ primary: hevc(12), replace: { iloc: fullBox('iloc', 1, 0, u16(0, 100), ...items) } });
    const ipma = findBox(hostile, ['meta', 'iprp', 'ipma']);
    hostile.writeUInt32BE(0xffffffff, ipma.start + 12);
    const started = Date.now();
    const m = await match(Buffer.concat([hostile, filler]));
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(m?.validation).toMatchObject({ state: 'corrupt', reasons: [expect.stringMatching(/^iloc at \d+: iloc lists more than 1048576 extents$/), 'no item locations (iloc)'] });
  });
});
