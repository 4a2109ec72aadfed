import { beforeAll, describe, expect, it } from 'vitest';
import { bufferSource } from '../../testing/buffer-source.js';
import { randomBytes } from '../../testing/random.js';
import { buildCrw } from '../../testing/raw-container-fixtures.js';
import type { RawSample } from '../../testing/tiff-raw-fixtures.js';
import type { FormatMatch } from '../types.js';
import { crwFormat } from './crw.js';

const tail = randomBytes(3000, 41);
const match = (data: Buffer, maxSize = data.length): Promise<FormatMatch | null> => crwFormat.match(bufferSource(data), 0, { maxSize });

let crw: RawSample;
beforeAll(async () => {
  crw = await buildCrw();
});

describe('crw format', () => {
  it('ends after the root heap table, found by the place that agrees with itself', async () => {
    expect(await match(Buffer.concat([crw.data, tail]))).toEqual({ length: crw.data.length, validation: { state: 'complete', reasons: [] }, dimensions: crw.dimensions, payload: crw.payload });
  });

  it('also at the very end of the source', async () => {
    expect((await match(crw.data))?.validation.state).toBe('complete');
  });

  it('gives JpgFromRaw as the preview', async () => {
    const preview = await crwFormat.preview?.(bufferSource(crw.data), { byteRuns: [{ offset: 0, length: crw.data.length }], size: crw.data.length });
    expect(preview?.equals(crw.preview)).toBe(true);
  });

  it('keeps a Canon VRD trailer after the heap', async () => {
    const data = Buffer.from('XMP goes here', 'latin1');
    const size = Buffer.from([0, 0, 0, data.length]);
    const vrd = Buffer.concat([Buffer.from('CANON OPTIONAL DATA\0\0\x01\0\0', 'latin1'), size, data, Buffer.from('CANON OPTIONAL DATA\0', 'latin1'), size, Buffer.alloc(40)]);
    const file = Buffer.concat([crw.data, vrd]);
    expect((await match(Buffer.concat([file, tail])))?.length).toBe(file.length);
  });

  it('calls a file whose table the source cut off truncated', async () => {
    const cut = crw.data.subarray(0, 30_000);
    expect(await match(cut)).toMatchObject({ length: cut.length, validation: { state: 'truncated' } });
  });

  it('cuts after the header when no table lies within the size limit (corrupt), quickly', async () => {
    const bad = Buffer.concat([crw.data.subarray(0, crw.data.length - 4), randomBytes(4, 9), Buffer.alloc(8 * 1024 * 1024)]);
    const started = Date.now();
    const m = await match(bad, 4 * 1024 * 1024);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(m).toMatchObject({ length: 26, validation: { state: 'corrupt' } });
    expect(m?.validation.reasons[0]).toMatch(/no CIFF record table/);
  });

  it('only notes a broken sub-heap', async () => {
    const bad = Buffer.from(crw.data);
    // The ImageProps sub-heap ends right before the root table; its last 4 bytes point at its table.
    const rootTable = 26 + bad.readUInt32LE(bad.length - 4);
    bad.writeUInt32LE(0xfffffff0, rootTable - 4);
    const m = await match(Buffer.concat([bad, tail]));
    expect(m).toMatchObject({ length: crw.data.length, validation: { state: 'complete' } });
    expect(m?.validation.reasons[0]).toMatch(/table offset/);
  });

  it('rejects a header with a nonsense length', async () => {
    const bad = Buffer.from(crw.data);
    bad.writeUInt32LE(0xffff, 2);
    expect(crwFormat.checkHeader(bad.subarray(0, 26))).toBe(false);
  });
});
