import { describe, expect, it } from 'vitest';
import { bufferSource } from '../../testing/buffer-source.js';
import { box } from '../../testing/isobmff-builder.js';
import { boxesIn, dropLeadingBoxes, findBox, isobmffFixture, retype } from '../../testing/isobmff-fixtures.js';
import { randomBytes } from '../../testing/random.js';
import type { FormatMatch } from '../types.js';
import { movFormat } from './mov.js';

const filler = randomBytes(3000, 23);
const head = (data: Buffer): boolean => movFormat.checkHeader(data.subarray(0, movFormat.headerBytes));
const match = (data: Buffer, offset = 0): Promise<FormatMatch | null> => movFormat.match(bufferSource(data), offset, { maxSize: data.length - offset });
const types = (file: Buffer): string[] => boxesIn(file).map((b) => b.type);
const cameraMov = isobmffFixture('camera.mov');
const MOV = { id: 'mov', extension: 'mov', mimeType: 'video/quicktime' };

// Old QuickTime movies have no ftyp: the real files are ffmpeg's with their leading boxes taken off
// (chunk offsets corrected), or the ftyp's four letters turned into 'free'.
const variants = {
  'wide first': dropLeadingBoxes(cameraMov, 1),
  'mdat first': dropLeadingBoxes(cameraMov, 2),
  'moov first': dropLeadingBoxes(isobmffFixture('faststart.mp4'), 1),
  'free first': retype(cameraMov, 0, 'free'),
  'skip first': retype(isobmffFixture('camera.mp4'), 0, 'skip'),
};

describe('mov format (no ftyp): real movies', () => {
  it.each(Object.entries(variants))('carves a movie with %s whole, up to its last box', async (_, file) => {
    expect(head(file)).toBe(true);
    const m = await match(Buffer.concat([filler.subarray(0, 300), file, filler]), 300);
    expect(m).toEqual({ length: file.length, validation: { state: 'complete', reasons: [] }, dimensions: expect.any(Object), kind: MOV });
  });

  it('reads the layouts it was given', () => {
    expect(types(variants['wide first'])).toEqual(['wide', 'mdat', 'moov']);
    expect(types(variants['mdat first'])).toEqual(['mdat', 'moov']);
    expect(types(variants['moov first'])).toEqual(['moov', 'free', 'mdat']);
  });

  it('calls a moov-first movie cut in its mdat truncated', async () => {
    const file = variants['moov first'];
    const m = await match(file.subarray(0, file.length - 100));
    expect(m).toMatchObject({ length: file.length - 100, validation: { state: 'truncated' }, kind: MOV });
  });
});

describe('mov format (no ftyp): false starts', () => {
  it('wants a moov that starts with its header, an 8-byte wide and small free/skip boxes followed by a box', () => {
    expect(head(box('moov', box('trak', Buffer.alloc(20))))).toBe(false);
    expect(head(Buffer.concat([box('wide', Buffer.alloc(8)), box('mdat', Buffer.alloc(8))]))).toBe(false);
    expect(head(Buffer.concat([box('free', Buffer.alloc(8)), filler]))).toBe(false);
    expect(head(Buffer.concat([box('free', Buffer.alloc(5000)), box('mdat', Buffer.alloc(8))]))).toBe(false);
    expect(head(Buffer.concat([Buffer.from([0, 0, 0, 0]), Buffer.from('mdat'), filler]))).toBe(false);
  });

  it('is no finding when an mdat is not followed by a moov, even if its header looks right', async () => {
    const mdat = box('mdat', filler.subarray(0, 1000));
    expect(head(Buffer.concat([mdat, filler]))).toBe(true);
    expect(await match(Buffer.concat([mdat, filler]))).toBeNull();
    expect(await match(mdat)).toBeNull();
  });

  it('is no finding when an mdat-first movie ends before its moov (nothing would play it)', async () => {
    const file = variants['mdat first'];
    expect(await match(file.subarray(0, findBox(file, ['moov']).start))).toBeNull();
  });

  it('still reports a movie whose source ends inside the moov (truncated)', async () => {
    const file = variants['mdat first'];
    const m = await match(file.subarray(0, findBox(file, ['moov']).start + 50));
    expect(m?.validation.state).toBe('truncated');
  });
});
