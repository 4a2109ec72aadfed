import { beforeAll, describe, expect, it } from 'vitest';
import { bufferSource } from '../../testing/buffer-source.js';
import { randomBytes } from '../../testing/random.js';
import { buildTiff, long, short, tiffPrefix, type IfdSpec } from '../../testing/tiff-builder.js';
import { buildArw, buildNef, buildOrf, type RawSample } from '../../testing/tiff-raw-fixtures.js';
import type { FormatMatch } from '../types.js';
import { MAX_IFDS } from './shared/tiff-walk.js';
import { tiffFormat } from './tiff.js';

const tail = randomBytes(4000, 23);
const match = (data: Buffer, maxSize = data.length): Promise<FormatMatch | null> => tiffFormat.match(bufferSource(data), 0, { maxSize });

/** Where the entry for `tag` sits in the little-endian IFD at `ifd`. */
function entryAt(data: Buffer, ifd: number, tag: number): number {
  const count = data.readUInt16LE(ifd);
  for (let i = 0; i < count; i++) if (data.readUInt16LE(ifd + 2 + i * 12) === tag) return ifd + 2 + i * 12;
  throw new Error(`no tag 0x${tag.toString(16)} in the IFD at ${ifd}`);
}
/** The length of the JPEG stream that ends the file (from its last SOI). */
function lastJpegLength(data: Buffer): number {
  return data.length - data.lastIndexOf(Buffer.from([0xff, 0xd8, 0xff]));
}
const nextField = (data: Buffer, ifd: number): number => ifd + 2 + data.readUInt16LE(ifd) * 12;
const image = (n: number): IfdSpec => ({ fields: { 0x100: short(8), 0x101: short(1), 0x103: short(1) }, data: [{ offsetTags: [0x111], lengthTag: 0x117, parts: [randomBytes(8, n)] }] });
const tiffOf = (ifds: IfdSpec[]): { data: Buffer; chain: number[] } => buildTiff({ littleEndian: true, prefix: tiffPrefix(true), firstIfdField: 4, ifds });

let nef: RawSample;
beforeAll(async () => {
  nef = await buildNef();
});

describe('tiff format: truncated files', () => {
  it('keeps the bytes there are when the source ends inside the raw data', async () => {
    const cut = nef.data.subarray(0, Math.floor(nef.data.length * 0.6));
    const m = await match(cut);
    expect(m).toMatchObject({ length: cut.length, validation: { state: 'truncated' }, kind: { id: 'nef' } });
    expect(m?.validation.reasons.join()).toMatch(/past the end of the source/);
  });

  it('calls a file cut inside IFD0 truncated, not a false start', async () => {
    for (const length of [9, 14, 40]) expect((await match(nef.data.subarray(0, length)))?.validation.state).toBe('truncated');
  });
});

describe('tiff format: corrupt files', () => {
  it('leaves out a part a garbage offset puts far beyond the rest, instead of stretching over the disk', async () => {
    const { data, chain } = tiffOf([image(1)]);
    const disk = Buffer.concat([data, Buffer.alloc(40 * 1024 * 1024)]);
    disk.writeUInt32LE(30 * 1024 * 1024, entryAt(disk, chain[0], 0x111) + 8);
    const m = await match(disk);
    expect(m?.validation.state).toBe('corrupt');
    expect(m?.length).toBeLessThanOrEqual(data.length);
    expect(m?.validation.reasons.join()).toMatch(/bad offset/);
  });

  it('cuts before a JPEG stream that was overwritten (no SOI), the last part of the file', async () => {
    const arw = await buildArw();
    const thumbAt = arw.data.length - lastJpegLength(arw.data);
    const bad = Buffer.from(arw.data);
    randomBytes(64, 8).copy(bad, thumbAt);
    const m = await match(Buffer.concat([bad, tail]));
    expect(m).toMatchObject({ length: thumbAt, validation: { state: 'corrupt' } });
    expect(m?.validation.reasons[0]).toMatch(/IFD1 JPEG stream 0 .* holds no JPEG stream/);
  });

  it('stops at a loop in the IFD chain', async () => {
    const { data, chain } = tiffOf([image(1), image(2)]);
    data.writeUInt32LE(chain[0], nextField(data, chain[1]));
    const m = await match(Buffer.concat([data, tail]));
    expect(m).toMatchObject({ length: data.length, validation: { state: 'corrupt' } });
    expect(m?.validation.reasons[0]).toMatch(/loop/);
  });

  it('stops at a SubIFD that points back at its parent', async () => {
    const { data, chain } = tiffOf([{ ...image(1), children: [{ tag: 0x14a, type: 4, ifds: [image(2)] }] }]);
    data.writeUInt32LE(chain[0], entryAt(data, chain[0], 0x14a) + 8);
    expect((await match(Buffer.concat([data, tail])))?.validation.reasons.join()).toMatch(/loop/);
  });

  it('stops SubIFDs nested too deep and chains too long', async () => {
    let nested: IfdSpec = image(0);
    for (let i = 1; i < 12; i++) nested = { ...image(i), children: [{ tag: 0x14a, type: 4, ifds: [nested] }] };
    expect((await match(Buffer.concat([tiffOf([nested]).data, tail])))?.validation.reasons.join()).toMatch(/nested deeper/);
    const long = tiffOf(Array.from({ length: MAX_IFDS + 20 }, (_, i) => image(i)));
    const m = await match(Buffer.concat([long.data, tail]));
    expect(m?.validation.state).toBe('corrupt');
    expect(m?.validation.reasons.join()).toMatch(/more than 256 IFDs/);
  });

  it('cuts after a later IFD whose entry count is nonsense', async () => {
    const { data, chain } = tiffOf([image(1), image(2)]);
    data.writeUInt16LE(0xffff, chain[1]);
    const m = await match(Buffer.concat([data, tail]));
    expect(m?.validation.state).toBe('corrupt');
    expect(m?.validation.reasons[0]).toMatch(/65535 entries/);
    expect(m?.length).toBeLessThan(data.length);
  });

  it('survives absurd value counts without reading them', async () => {
    const { data, chain } = tiffOf([image(1)]);
    data.writeUInt32LE(0xffffffff, entryAt(data, chain[0], 0x117) + 4);
    const started = Date.now();
    const m = await match(Buffer.concat([data, tail]));
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(m?.validation.state).toBe('corrupt');
  });

  it('calls strips without byte counts corrupt: their end is unknown', async () => {
    const { data } = tiffOf([{ fields: { 0x100: short(8), 0x101: short(1), 0x111: long(100) } }]);
    const m = await match(Buffer.concat([data, tail]));
    expect(m?.validation.state).toBe('corrupt');
    expect(m?.validation.reasons[0]).toMatch(/without byte counts/);
  });

  it('only notes a broken maker note: the image does not depend on it', async () => {
    const orf = await buildOrf();
    const at = orf.data.indexOf('OLYMPUS\0II');
    const bad = Buffer.from(orf.data);
    const noteIfd = at + 12;
    bad.writeUInt32LE(0x7ffffff0, entryAt(bad, noteIfd, 0x2020) + 8);
    const m = await match(Buffer.concat([bad, tail]));
    expect(m).toMatchObject({ length: orf.data.length, validation: { state: 'complete' }, kind: { id: 'orf' } });
    expect(m?.validation.reasons.join()).toMatch(/Olympus IFD 0x2020/);
  });
});

describe('tiff format: false starts and limits', () => {
  it('rejects a TIFF magic followed by garbage', async () => {
    for (let seed = 1; seed < 30; seed++) {
      const junk = Buffer.concat([Buffer.from('II*\0\x08\0\0\0', 'latin1'), randomBytes(2000, seed)]);
      expect(await match(junk)).toBeNull();
    }
    expect(await match(Buffer.concat([Buffer.from('MM\0*\0\0\0\x08\0\x05', 'latin1'), randomBytes(200, 3)]))).toBeNull();
  });

  it('rejects an IFD0 beyond the size limit when the source goes on', async () => {
    const { data } = tiffOf([image(1)]);
    const far = Buffer.concat([data, randomBytes(10_000, 4)]);
    far.writeUInt32LE(9000, 4);
    expect(await match(far, 1000)).toBeNull();
  });

  it('stops when the signal fires', async () => {
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(tiffFormat.match(bufferSource(nef.data), 0, { maxSize: nef.data.length, signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
  });
});
