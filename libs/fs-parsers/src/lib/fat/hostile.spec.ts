import { afterAll, describe, expect, it } from 'vitest';
import { FAT_FIXTURES, type FatFixtureName, fixtureImage, writeFatEntry } from '../../testing/fat-fixtures.js';
import { scratch } from '../../testing/fixture-files.js';
import { CorruptError, TruncatedError } from '../errors.js';
import type { FsEntry } from '../filesystem.js';
import { detectFilesystem, filesystems } from '../filesystems.js';
import { bufferSource } from '../source/buffer-source.js';
import { openFileSource } from '../source/file-source.js';
import { type FatGeometry, parseFatBootSector } from './boot-sector.js';
import { fat12, fat16, fat32 } from './fat-descriptors.js';
import type { FatFileSystem } from './fat-filesystem.js';

const temp = scratch();
afterAll(() => temp.cleanup());
const descriptors = { fat12, fat16, fat32 };

/** The clean parse, used only to find what to break. */
async function cleanParse(name: FatFixtureName): Promise<{ geometry: FatGeometry; entries: FsEntry[] }> {
  const fs = (await descriptors[name].open(bufferSource(fixtureImage(name)))) as FatFileSystem;
  return { geometry: fs.geometry, entries: await fs.entries() };
}

/** Writes a patched copy to a temp file and opens it through openFileSource, as a user's image would be. */
async function openPatched(name: FatFixtureName, patch: (image: Buffer, g: FatGeometry) => Buffer | void) {
  const image = fixtureImage(name);
  const patched = patch(image, parseFatBootSector(image.subarray(0, 512))) ?? image;
  const source = await openFileSource(temp.write(`${name}-patched.img`, patched));
  try {
    const fs = (await descriptors[name].open(source)) as FatFileSystem;
    const entries = await fs.entries();
    const free = await fs.freeRanges();
    return { fs, entries, free, size: source.size };
  } finally {
    await source.close();
  }
}

const bits = (g: FatGeometry): 12 | 16 | 32 => (g.fatType === 'fat12' ? 12 : g.fatType === 'fat16' ? 16 : 32);
const at = (entries: FsEntry[], path: string): FsEntry => entries.find((e) => e.path === path && !e.deleted) as FsEntry;
const clustersOf = (entry: FsEntry, g: FatGeometry): number[] =>
  entry.byteRuns.flatMap((r) =>
    Array.from({ length: Math.ceil(r.length / g.clusterSize) }, (_, i) => (r.offset - g.dataOffset) / g.clusterSize + 2 + i),
  );

/** Byte offset of the 32-byte entry with this 8.3 name, searched from `from`. */
function entryOffset(image: Buffer, shortName: string, from: number): number {
  const found = image.indexOf(Buffer.from(shortName, 'latin1'), from);
  if (found < 0) throw new Error(`no entry ${shortName}`);
  return found;
}

describe.each(FAT_FIXTURES)('%s with damage: typed errors or notes, never a crash or a hang', (name) => {
  it('a FAT chain that loops back stops the file with a note', async () => {
    const { geometry, entries } = await cleanParse(name);
    const [first, second] = clustersOf(at(entries, '/Frag/D fragmented.bin'), geometry) as [number, number];
    const { entries: damaged } = await openPatched(name, (img, g) => writeFatEntry(img, g.fatOffset, bits(g), second, first));
    const d = at(damaged, '/Frag/D fragmented.bin');
    expect(d.notes.join(' ')).toMatch(/loops/);
    expect(d.byteRuns.reduce((s, r) => s + r.length, 0)).toBeLessThan(d.size);
  });

  it('a directory chain that points to itself is read once, with a note', async () => {
    const { geometry, entries } = await cleanParse(name);
    const burst = at(entries, '/Burst');
    const { entries: damaged } = await openPatched(name, (img, g) =>
      writeFatEntry(img, g.fatOffset, bits(g), burst.firstCluster, burst.firstCluster),
    );
    expect(at(damaged, '/Burst').notes.join(' ')).toMatch(/loops/);
    const perCluster = geometry.clusterSize / 32 - 2;
    expect(damaged.filter((e) => e.path.startsWith('/Burst/')).length).toBeLessThanOrEqual(perCluster);
  });

  it('a FAT entry pointing past the last cluster is reported', async () => {
    const { geometry, entries } = await cleanParse(name);
    const first = at(entries, '/DCIM/100CANON/IMG_0001.JPG').firstCluster;
    const { entries: damaged } = await openPatched(name, (img, g) =>
      writeFatEntry(img, g.fatOffset, bits(g), first, geometry.maxCluster + 3),
    );
    expect(at(damaged, '/DCIM/100CANON/IMG_0001.JPG').notes.join(' ')).toMatch(/outside/);
  });

  it('a directory entry whose first cluster is past the volume is reported', async () => {
    const { entries: damaged } = await openPatched(name, (img, g) => {
      const root = g.fatType === 'fat32' ? g.dataOffset : g.rootDirOffset;
      const entry = entryOffset(img, 'NOTES   TXT', root);
      img.writeUInt16LE(0xfff0, entry + 26);
      if (g.fatType === 'fat32') img.writeUInt16LE(0x0fff, entry + 20);
    });
    expect(at(damaged, '/notes.txt').notes.join(' ')).toMatch(/outside/);
  });

  it('a subdirectory pointing back at its parent is not walked twice', async () => {
    const { entries } = await cleanParse(name);
    const dcim = at(entries, '/DCIM');
    const { entries: damaged } = await openPatched(name, (img, g) => {
      const entry = entryOffset(img, '100CANON   ', g.dataOffset);
      img.writeUInt16LE(dcim.firstCluster & 0xffff, entry + 26);
      img.writeUInt16LE(dcim.firstCluster >>> 16, entry + 20);
    });
    expect(at(damaged, '/DCIM/100CANON').notes.join(' ')).toMatch(/already walked/);
    expect(damaged.filter((e) => e.path.startsWith('/DCIM/100CANON/'))).toEqual([]);
  });

  it('an image cut in half opens with a note; nothing points past its end', async () => {
    const { fs, entries, free, size } = await openPatched(name, (img) => img.subarray(0, img.length / 2));
    expect(fs.notes.join(' ')).toMatch(/claims .* bytes/);
    for (const run of [...entries.flatMap((e) => e.byteRuns), ...free]) expect(run.offset + run.length).toBeLessThanOrEqual(size);
    if (name === 'fat32') expect(at(entries, '/DCIM').notes.join(' ')).toMatch(/past the end/);
  });

  it('an image cut inside its FAT is a TruncatedError', async () => {
    await expect(openPatched(name, (img, g) => img.subarray(0, g.fatOffset + 100))).rejects.toBeInstanceOf(TruncatedError);
  });

  it('zero bytes per sector: no probe matches, open says CorruptError', async () => {
    const image = fixtureImage(name);
    image.writeUInt16LE(0, 11);
    const source = bufferSource(image);
    expect(await detectFilesystem(source)).toBeNull();
    for (const descriptor of filesystems) expect(await descriptor.probe(source)).toBe(false);
    await expect(descriptors[name].open(source)).rejects.toThrow(CorruptError);
    await expect(descriptors[name].open(source)).rejects.toThrow(/bytes per sector is 0/);
  });

  it('a sector count far beyond the FAT is a CorruptError', async () => {
    const image = fixtureImage(name);
    image.writeUInt16LE(0, 19);
    image.writeUInt32LE(0xffffffff, 32);
    await expect(descriptors[name].open(bufferSource(image))).rejects.toThrow(CorruptError);
    await expect(descriptors[name].open(bufferSource(image))).rejects.toThrow(/FAT holds|do not fit/);
  });

  it('a FAT and a root directory full of noise still give a bounded, partial result', async () => {
    let seed = 7;
    const noise = (b: Buffer) => {
      for (let i = 0; i < b.length; i++) b[i] = (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24;
    };
    const { fs, entries } = await openPatched(name, (img, g) => {
      noise(img.subarray(g.fatOffset + 8, g.fatOffset + g.fatBytes));
      const root = g.fatType === 'fat32' ? g.dataOffset : g.rootDirOffset;
      noise(img.subarray(root, root + g.clusterSize));
    });
    expect(fs.notes.length + entries.filter((e) => e.notes.length > 0).length).toBeGreaterThan(0);
  });

  it('a walk honours an aborted signal', async () => {
    const fs = await descriptors[name].open(bufferSource(fixtureImage(name)));
    await expect(fs.entries({ signal: AbortSignal.abort() })).rejects.toThrow(/abort/i);
  });
});
