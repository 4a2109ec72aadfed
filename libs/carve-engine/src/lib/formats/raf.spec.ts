import { beforeAll, describe, expect, it } from 'vitest';
import { bufferSource } from '../../testing/buffer-source.js';
import { randomBytes } from '../../testing/random.js';
import { buildRaf } from '../../testing/raw-container-fixtures.js';
import type { RawSample } from '../../testing/tiff-raw-fixtures.js';
import type { FormatMatch } from '../types.js';
import { rafFormat } from './raf.js';

const tail = randomBytes(3000, 31);
const match = (data: Buffer, maxSize = data.length): Promise<FormatMatch | null> => rafFormat.match(bufferSource(data), 0, { maxSize });

let raf: RawSample;
beforeAll(async () => {
  raf = await buildRaf();
});

describe('raf format', () => {
  it('ends at the furthest block of the header table, with the cropped raw size', async () => {
    expect(await match(Buffer.concat([raf.data, tail]))).toEqual({ length: raf.data.length, validation: { state: 'complete', reasons: [] }, dimensions: raf.dimensions, payload: raf.payload });
  });

  it('gives the JPEG the header names as the preview', async () => {
    const preview = await rafFormat.preview?.(bufferSource(raf.data), { byteRuns: [{ offset: 0, length: raf.data.length }], size: raf.data.length });
    expect(preview?.equals(raf.preview)).toBe(true);
  });

  it('calls a file the source cuts short truncated', async () => {
    const cut = raf.data.subarray(0, raf.data.length - 5000);
    const m = await match(cut);
    expect(m).toMatchObject({ length: cut.length, validation: { state: 'truncated' } });
    expect((await match(raf.data.subarray(0, 50)))?.validation.state).toBe('truncated');
  });

  it('leaves out a CFA block past the size limit (corrupt)', async () => {
    const bad = Buffer.from(raf.data);
    bad.writeUInt32BE(0x7fffffff, 0x68);
    const m = await match(Buffer.concat([bad, tail]));
    expect(m?.validation.state).toBe('corrupt');
    expect(m?.validation.reasons[0]).toMatch(/CFA data/);
    expect(m?.length).toBeLessThan(raf.data.length);
  });

  it('calls a preview that is no JPEG corrupt', async () => {
    const bad = Buffer.from(raf.data);
    bad.fill(0, 0x94, 0x96);
    expect((await match(Buffer.concat([bad, tail])))?.validation.reasons[0]).toMatch(/SOI/);
  });

  it('survives a metadata container claiming billions of records', async () => {
    const bad = Buffer.from(raf.data);
    bad.writeUInt32BE(0xffffffff, bad.readUInt32BE(0x5c));
    const m = await match(Buffer.concat([bad, tail]));
    expect(m).toMatchObject({ length: raf.data.length, validation: { state: 'corrupt' } });
  });

  it('rejects the magic followed by garbage and a table without a preview', async () => {
    expect(rafFormat.checkHeader(Buffer.concat([Buffer.from('FUJIFILMCCD-RAW ', 'latin1'), randomBytes(200, 2)]))).toBe(false);
    const noJpeg = Buffer.from(raf.data);
    noJpeg.writeUInt32BE(0, 0x58);
    expect(await match(noJpeg)).toBeNull();
  });
});
