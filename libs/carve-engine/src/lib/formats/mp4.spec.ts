import { describe, expect, it } from 'vitest';
import { bufferSource } from '../../testing/buffer-source.js';
import { box, ftyp, fullBox, moov, u32 } from '../../testing/isobmff-builder.js';
import { boxesIn, findBox, isobmffFixture, retype, shiftChunkOffsets } from '../../testing/isobmff-fixtures.js';
import { randomBytes } from '../../testing/random.js';
import type { FormatMatch } from '../types.js';
import { cr3Format } from './cr3.js';
import { heicFormat } from './heic.js';
import { mp4Format } from './mp4.js';

const filler = randomBytes(4000, 17);
const match = (data: Buffer, offset = 0): Promise<FormatMatch | null> => mp4Format.match(bufferSource(data), offset, { maxSize: data.length - offset });
const types = (file: Buffer): string[] => boxesIn(file).map((b) => b.type);
const camera = isobmffFixture('camera.mp4');
const faststart = isobmffFixture('faststart.mp4');

describe('mp4 format: the real encoder output', () => {
  it.each([
    ['camera.mp4', { id: 'mp4', extension: 'mp4', mimeType: 'video/mp4' }, { width: 32, height: 16 }],
    ['faststart.mp4', { id: 'mp4', extension: 'mp4', mimeType: 'video/mp4' }, { width: 32, height: 16 }],
    ['fragmented.mp4', { id: 'mp4', extension: 'mp4', mimeType: 'video/mp4' }, { width: 16, height: 16 }],
    ['camera.mov', { id: 'mov', extension: 'mov', mimeType: 'video/quicktime' }, { width: 16, height: 16 }],
    ['clip.m4v', { id: 'm4v', extension: 'm4v', mimeType: 'video/x-m4v' }, { width: 16, height: 16 }],
    ['phone.3gp', { id: '3gp', extension: '3gp', mimeType: 'video/3gpp' }, { width: 16, height: 16 }],
    ['phone.3g2', { id: '3g2', extension: '3g2', mimeType: 'video/3gpp2' }, { width: 16, height: 16 }],
  ])('ends %s at its last box among random bytes, naming its kind and size', async (name, kind, dimensions) => {
    const file = isobmffFixture(name);
    expect(mp4Format.checkHeader(file.subarray(0, mp4Format.headerBytes))).toBe(true);
    expect(await match(Buffer.concat([filler.subarray(0, 700), file, filler]), 700)).toEqual({
      length: file.length,
      validation: { state: 'complete', reasons: [] },
      dimensions,
      kind,
    });
  });

  it('finds the moov after the mdat (camera) and before it (faststart)', async () => {
    expect(types(camera)).toEqual(['ftyp', 'free', 'mdat', 'moov']);
    expect(types(faststart)).toEqual(['ftyp', 'moov', 'free', 'mdat']);
    expect(types(isobmffFixture('fragmented.mp4'))).toEqual(expect.arrayContaining(['moof', 'mdat', 'mfra']));
  });

  it('leaves audio-only brands and other families to nobody or their own descriptor', () => {
    const m4a = Buffer.from(camera);
    m4a.write('M4A ', 8, 'latin1');
    for (const format of [mp4Format, heicFormat, cr3Format]) expect(format.checkHeader(m4a.subarray(0, 64))).toBe(false);
    expect(mp4Format.checkHeader(isobmffFixture('photo.heic').subarray(0, 64))).toBe(false);
  });
});

describe('mp4 format: damage', () => {
  it('calls a file cut inside its mdat truncated, keeping the bytes there are', async () => {
    const mdat = findBox(camera, ['mdat']);
    const cut = camera.subarray(0, mdat.start + 100);
    const m = await match(cut);
    expect(m).toMatchObject({ length: cut.length, validation: { state: 'truncated' } });
    expect(m?.validation.reasons.join('; ')).toMatch(/the source ends inside the 'mdat' box at 40.*no movie box/);
  });

  it('calls a camera file cut right after its mdat (no moov yet) truncated', async () => {
    const cut = camera.subarray(0, findBox(camera, ['mdat']).end);
    expect((await match(cut))?.validation).toEqual({
      state: 'truncated',
      reasons: ['no movie box (moov), the index of the media data', `the source ends at ${cut.length}, before the file is whole`],
    });
  });

  it('cuts a camera file whose moov header is overwritten at its mdat (corrupt)', async () => {
    const broken = retype(camera, 3, 'm\0ov');
    const m = await match(Buffer.concat([broken, filler]));
    const end = findBox(camera, ['mdat']).end;
    expect(m?.length).toBe(end);
    expect(m?.validation).toEqual({
      state: 'corrupt',
      reasons: ['no movie box (moov), the index of the media data', `cut at ${end}: 0x6d006f76 at ${end} is not a top-level box`],
    });
  });

  it('cuts a faststart file whose mdat header is overwritten after its moov, saying the chunks lie beyond', async () => {
    const mdat = findBox(faststart, ['mdat']);
    const broken = Buffer.from(faststart);
    randomBytes(8, 3).copy(broken, mdat.start);
    const m = await match(Buffer.concat([broken, filler]));
    expect(m).toMatchObject({ length: mdat.start, validation: { state: 'corrupt' } });
    expect(m?.validation.reasons.join('; ')).toMatch(new RegExp(`the index points at media data up to \\d+, past the file's end at ${mdat.start}`));
  });

  it('says when the chunk offsets point outside the file: corrupt mid-disk, truncated at the source end', async () => {
    const outside = shiftChunkOffsets(camera, 1_000_000);
    const amid = await match(Buffer.concat([outside, filler]));
    expect(amid).toMatchObject({ length: camera.length, validation: { state: 'corrupt' } });
    expect(amid?.validation.reasons.join('; ')).toMatch(new RegExp(`media data up to \\d+, past the file's end at ${camera.length}`));
    expect((await match(outside))?.validation.state).toBe('truncated');
  });

  it('is no finding when nothing but an ftyp stands before random bytes', async () => {
    expect(await match(Buffer.concat([ftyp('isom', 0, 'isom', 'mp41'), filler]))).toBeNull();
  });
});

describe('mp4 format: hostile sizes', () => {
  it('bounds a size-0 mdat by the last chunk its tables point at', async () => {
    const mdat = findBox(faststart, ['mdat']);
    const toEnd = Buffer.from(faststart);
    toEnd.writeUInt32BE(0, mdat.start);
    const m = await match(Buffer.concat([toEnd, filler]));
    expect(m).toMatchObject({ length: faststart.length, validation: { state: 'complete' } });
    expect(m?.validation.reasons[0]).toMatch(/has size 0.*cut after the last byte its index points at/);
  });

  it('keeps a size-0 mdat with no index before it up to the end of the data, as corrupt', async () => {
    const toEnd = Buffer.from(camera);
    toEnd.writeUInt32BE(0, findBox(camera, ['mdat']).start);
    const m = await match(Buffer.concat([toEnd, filler]));
    expect(m).toMatchObject({ length: camera.length + filler.length, validation: { state: 'corrupt' } });
    expect(m?.validation.reasons.join('; ')).toMatch(/size 0.*kept up to the end of the data/);
  });

  it('answers an mdat claiming 4 GiB in a small source at once, reading little', async () => {
    const huge = Buffer.from(camera);
    huge.writeUInt32BE(0xffffffff, findBox(camera, ['mdat']).start);
    const source = bufferSource(huge);
    const m = await mp4Format.match(source, 0, { maxSize: huge.length });
    expect(m?.validation.state).toBe('truncated');
    expect(source.stats.bytesRead).toBeLessThanOrEqual(huge.length);
  });

  it('turns a chunk table claiming billions of entries into a reason', async () => {
    const file = Buffer.concat([ftyp('isom', 0, 'isom'), moov([{ width: 8, height: 8, chunkOffsets: [100], sampleSizes: [10] }]), box('mdat', Buffer.alloc(64))]);
    file.writeUInt32BE(0xfffffff0, findBox(file, ['moov', 'trak', 'mdia', 'minf', 'stbl', 'stco']).start + 12);
    const m = await match(Buffer.concat([file, filler]));
    expect(m?.validation.state).toBe('corrupt');
    expect(m?.validation.reasons.join('; ')).toMatch(/track 1: stco at \d+ claims 4294967280 entries, room for 1/);
  });

  it('survives a moov of 100 000 empty tracks and a sample table of hostile runs', async () => {
    const tracks = Buffer.alloc(8 * 100_000);
    for (let i = 0; i < 100_000; i++) tracks.write('\0\0\0\x08trak', 8 * i, 'latin1');
    const file = Buffer.concat([ftyp('isom', 0), box('moov', box('mvhd', Buffer.alloc(100)), tracks), box('mdat')]);
    const started = Date.now();
    expect((await match(file))?.validation.state).toBe('corrupt');
    const stsc = fullBox('stsc', 0, 0, u32(3, 5, 1, 1, 2, 1, 1, 9, 1, 1));
    const tables = Buffer.concat([ftyp('isom', 0), moov([{ width: 8, height: 8, chunkOffsets: [300, 200], sampleSizes: [1, 1] }]), box('mdat', Buffer.alloc(400))]);
    const at = findBox(tables, ['moov', 'trak', 'mdia', 'minf', 'stbl', 'stsc']);
    const hostile = Buffer.concat([tables.subarray(0, at.start), stsc.subarray(0, at.end - at.start), tables.subarray(at.end)]);
    expect((await match(hostile))?.validation.state).toBe('complete');
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});
