import { describe, expect, it } from 'vitest';
import { bufferSource } from '../testing/buffer-source.js';
import { randomBytes } from '../testing/random.js';
import { ChunkCandidates } from './candidates.js';
import { carve } from './carve.js';
import { CarveError } from './errors.js';
import { buildSignatureIndex, formatsAt } from './signature-index.js';
import type { CarvedFile, CarveFormat } from './types.js';

/** A format shaped like ISO-BMFF: its signature sits 4 bytes into the file ("ftyp"); files are 64 bytes. */
const boxFormat: CarveFormat = {
  id: 'box',
  extensions: ['box'],
  mimeType: 'application/x-test-box',
  signatures: [{ offset: 4, bytes: [...Buffer.from('ftypTEST')] }],
  maxSize: 1024,
  headerBytes: 12,
  checkHeader: (head) => head.length >= 12 && head.readUInt32BE(0) === 64,
  match: async () => ({ length: 64, validation: { state: 'complete', reasons: [] } }),
};
const boxFile = (): Buffer => {
  const b = randomBytes(64, 3);
  b.writeUInt32BE(64, 0);
  b.write('ftypTEST', 4, 'latin1');
  return b;
};
const other: CarveFormat = { ...boxFormat, id: 'other', signatures: [{ offset: 0, bytes: [0x00, 0x00, 0x00, 0x40] }] };

describe('signature index', () => {
  it('refuses duplicate ids and empty or invalid signatures', () => {
    expect(() => buildSignatureIndex([boxFormat, boxFormat])).toThrow(CarveError);
    expect(() => buildSignatureIndex([{ ...boxFormat, signatures: [] }])).toThrow(CarveError);
    expect(() => buildSignatureIndex([{ ...boxFormat, signatures: [{ offset: 0, bytes: [256] }] }])).toThrow(CarveError);
  });

  it('covers the furthest signature byte and header in its span', () => {
    expect(buildSignatureIndex([boxFormat]).span).toBe(12);
  });

  it('lists every format matching at one offset, in list order', () => {
    const chunk = boxFile();
    expect(formatsAt(buildSignatureIndex([other, boxFormat]), chunk, 0).map((f) => f.id)).toEqual(['other', 'box']);
    expect(formatsAt(buildSignatureIndex([boxFormat, other]), chunk, 0).map((f) => f.id)).toEqual(['box', 'other']);
    expect(formatsAt(buildSignatureIndex([boxFormat]), chunk, 1)).toEqual([]);
  });

  it('matches no signature in zeroed space that shares only its first bytes, nor one cut by the chunk end', () => {
    const index = buildSignatureIndex([other]);
    const zeros = Buffer.alloc(4096);
    expect(formatsAt(index, zeros, 0)).toEqual([]);
    zeros.writeUInt32BE(0x40, 1024);
    expect(formatsAt(index, zeros, 1024).map((f) => f.id)).toEqual(['other']);
    expect(formatsAt(index, zeros.subarray(0, 1027), 1024)).toEqual([]);
  });

  it('finds candidates whose signature is not at their first byte, in both modes', () => {
    const chunk = Buffer.concat([randomBytes(1024, 1), boxFile(), randomBytes(100, 2)]);
    const index = buildSignatureIndex([boxFormat]);
    expect(new ChunkCandidates(index, chunk, 0, { blockSize: 512, offset: 0 }).next(0, chunk.length)?.start).toBe(1024);
    expect(new ChunkCandidates(index, chunk, 0, { blockSize: 1, offset: 0 }).next(0, chunk.length)?.start).toBe(1024);
    expect(new ChunkCandidates(index, chunk, 0, { blockSize: 1, offset: 0 }).next(1025, chunk.length)).toBeUndefined();
  });

  it('carves such a format through the engine, including across chunk edges', async () => {
    const disk = randomBytes(10_000, 4);
    const at = [512, 3000, 4093, 8192];
    for (const offset of at) boxFile().copy(disk, offset);
    const run = async (blockSize: number, chunkSize: number): Promise<number[]> => {
      const out: CarvedFile[] = [];
      for await (const f of carve(bufferSource(disk), { formats: [boxFormat], blockSize, chunkSize })) out.push(f);
      return out.map((f) => f.byteRuns[0].offset);
    };
    expect(await run(1, 4096)).toEqual(at);
    expect(await run(1, 4097)).toEqual(at);
    expect(await run(512, 1000)).toEqual([512, 8192]);
  });
});
