import { beforeAll, describe, expect, it } from 'vitest';
import { bufferSource } from '../../testing/buffer-source.js';
import { randomBytes } from '../../testing/random.js';
import { buildMrw } from '../../testing/raw-container-fixtures.js';
import type { RawSample } from '../../testing/tiff-raw-fixtures.js';
import type { FormatMatch } from '../types.js';
import { mrwFormat } from './mrw.js';

const tail = randomBytes(3000, 51);
const match = (data: Buffer, maxSize = data.length): Promise<FormatMatch | null> => mrwFormat.match(bufferSource(data), 0, { maxSize });

let mrw: RawSample;
beforeAll(async () => {
  mrw = await buildMrw();
});

describe('mrw format', () => {
  it('ends where the raw data PRD describes ends', async () => {
    expect(await match(Buffer.concat([mrw.data, tail]))).toEqual({ length: mrw.data.length, validation: { state: 'complete', reasons: [] }, dimensions: mrw.dimensions, payload: mrw.payload });
  });

  it("gives the TTW block's JPEG as the preview", async () => {
    const preview = await mrwFormat.preview?.(bufferSource(mrw.data), { byteRuns: [{ offset: 0, length: mrw.data.length }], size: mrw.data.length });
    expect(preview?.equals(mrw.preview)).toBe(true);
  });

  it('calls a file the source cuts short truncated', async () => {
    const cut = mrw.data.subarray(0, mrw.data.length - 10_000);
    expect(await match(cut)).toMatchObject({ length: cut.length, validation: { state: 'truncated' } });
  });

  it('calls a block running past the MRM block corrupt', async () => {
    const bad = Buffer.from(mrw.data);
    bad.writeUInt32BE(0x00ffffff, 12); // the PRD block's length
    const m = await match(Buffer.concat([bad, tail]));
    expect(m?.validation.state).toBe('corrupt');
    expect(m?.validation.reasons[0]).toMatch(/PRD block .* runs past the MRM block/);
  });

  it('calls a file without raw size corrupt and cuts it after the MRM block', async () => {
    const bad = Buffer.from(mrw.data);
    bad.write('\0XYZ', 8, 'latin1');
    const m = await match(Buffer.concat([bad, tail]));
    expect(m?.validation.state).toBe('corrupt');
    expect(m?.length).toBe(8 + bad.readUInt32BE(4));
  });

  it('rejects false starts', () => {
    expect(mrwFormat.checkHeader(Buffer.concat([Buffer.from('\0MRM', 'latin1'), randomBytes(12, 3)]))).toBe(false);
    expect(mrwFormat.checkHeader(mrw.data.subarray(0, 16))).toBe(true);
  });
});
