import { beforeAll, describe, expect, it } from 'vitest';
import { bufferSource } from '../../testing/buffer-source.js';
import { randomBytes } from '../../testing/random.js';
import { buildX3f } from '../../testing/raw-container-fixtures.js';
import type { RawSample } from '../../testing/tiff-raw-fixtures.js';
import type { FormatMatch } from '../types.js';
import { x3fFormat } from './x3f.js';

const tail = randomBytes(3000, 61);
const match = (data: Buffer, maxSize = data.length): Promise<FormatMatch | null> => x3fFormat.match(bufferSource(data), 0, { maxSize });

let x3f: RawSample;
beforeAll(async () => {
  x3f = await buildX3f();
});

describe('x3f format', () => {
  it('ends after the directory, found by its magic and its pointer to itself', async () => {
    expect(await match(Buffer.concat([x3f.data, tail]))).toEqual({ length: x3f.data.length, validation: { state: 'complete', reasons: [] }, dimensions: x3f.dimensions, payload: x3f.payload });
  });

  it('skips a "SECd" inside the image data that is no directory', async () => {
    const data = Buffer.from(x3f.data);
    const imag = data.indexOf('SECi\0\0\x02\0\x03', 0, 'latin1');
    data.write('SECd\0\0\x02\0\x02\0\0\0', imag + 100, 'latin1');
    expect((await match(Buffer.concat([data, tail])))?.length).toBe(x3f.data.length);
  });

  it('gives the JPEG preview section (IMA2, format 18) as the preview', async () => {
    const preview = await x3fFormat.preview?.(bufferSource(x3f.data), { byteRuns: [{ offset: 0, length: x3f.data.length }], size: x3f.data.length });
    expect(preview?.equals(x3f.preview)).toBe(true);
  });

  it('calls a file cut before its directory truncated', async () => {
    const cut = x3f.data.subarray(0, x3f.data.length - 100);
    const m = await match(cut);
    expect(m).toMatchObject({ length: cut.length, validation: { state: 'truncated' } });
    expect(m?.validation.reasons[0]).toMatch(/before its directory/);
  });

  it('cuts after the header when no directory lies within the size limit (corrupt)', async () => {
    const bad = Buffer.concat([x3f.data.subarray(0, x3f.data.length - 4), Buffer.from([1, 2, 3, 4]), randomBytes(20_000, 5)]);
    const m = await match(bad, x3f.data.length + 10_000);
    expect(m).toMatchObject({ length: 48, validation: { state: 'corrupt' } });
  });

  it('gives up quickly on data full of directory look-alikes', async () => {
    const decoy = Buffer.from('SECd\0\0\x02\0\x01\0\0\0', 'latin1');
    const hostile = Buffer.concat([x3f.data.subarray(0, 48), Buffer.alloc(4 * 1024 * 1024 - 48)]);
    for (let at = 48; at + decoy.length <= hostile.length; at += decoy.length) decoy.copy(hostile, at);
    const started = Date.now();
    const m = await match(hostile, hostile.length - 1);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(m?.validation.state).toBe('corrupt');
  });

  it('rejects a header with an unknown version', () => {
    const bad = Buffer.from(x3f.data.subarray(0, 48));
    bad.writeUInt32LE(0x00090000, 4);
    expect(x3fFormat.checkHeader(bad)).toBe(false);
  });
});
