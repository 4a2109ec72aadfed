import { afterAll, describe, expect, it } from 'vitest';
import { clustersOf, exfatImage, fileEntryOffset, fixSetChecksum, loadExfatManifest, openPatchedExfat as openPatched } from '../../testing/exfat-fixtures.js';
import { entryAt } from '../../testing/fixture-checks.js';
import { scratch } from '../../testing/fixture-files.js';
import { totalLength } from '../../testing/ranges.js';
import { bufferSource } from '../source/buffer-source.js';
import { parseExfatBootSector } from './boot-sector.js';
import { exfat } from './exfat-descriptor.js';
import type { ExfatFileSystem } from './exfat-filesystem.js';

const temp = scratch();
afterAll(() => temp.cleanup());
const geometry = parseExfatBootSector(exfatImage().subarray(0, 512));
const clean = await ((await exfat.open(bufferSource(exfatImage()))) as ExfatFileSystem).entries();
const setFat = (image: Buffer, cluster: number, value: number) => image.writeUInt32LE(value >>> 0, geometry.fatOffset + cluster * 4);
/** Where a set's stream extension keeps its first cluster, ValidDataLength and DataLength. */
const stream = (image: Buffer, name: string) => fileEntryOffset(image, name, geometry.dataOffset) + 32;

describe('exFAT with broken chains and folders: notes, never a crash or a hang', () => {
  it('a FAT chain that loops back stops the fragmented file with a note', async () => {
    const [first, second] = clustersOf(entryAt(clean, '/Frag/C fragmented.jpg'), geometry) as [number, number];
    const { entries } = await openPatched(temp, (img) => setFat(img, second, first));
    const c = entryAt(entries, '/Frag/C fragmented.jpg');
    expect(c.notes.join(' ')).toMatch(/loops/);
    expect(totalLength(c.byteRuns)).toBeLessThan(c.size);
  });

  it('a FAT link past the last cluster is reported', async () => {
    const [first] = clustersOf(entryAt(clean, '/Frag/C fragmented.jpg'), geometry) as [number];
    const { entries } = await openPatched(temp, (img) => setFat(img, first, geometry.maxCluster + 5));
    expect(entryAt(entries, '/Frag/C fragmented.jpg').notes.join(' ')).toMatch(/outside 2–/);
  });

  it('a first cluster past the volume (checksum fixed) is reported for live and deleted files', async () => {
    const { entries } = await openPatched(temp, (img) => {
      for (const name of ['notes.txt', 'clip one.mp4']) {
        img.writeUInt32LE(0xfffffff0, stream(img, name) + 20);
        fixSetChecksum(img, stream(img, name) - 32);
      }
    });
    expect(entryAt(entries, '/notes.txt').notes.join(' ')).toMatch(/outside 2–/);
    expect(entryAt(entries, '/Videos/clip one.mp4', true)).toMatchObject({ byteRuns: [], confidence: 'unknown' });
  });

  it('a directory whose FAT chain points to itself is read once, with a note', async () => {
    const burst = entryAt(clean, '/Burst');
    const [, second] = clustersOf(burst, geometry) as [number, number];
    const { entries } = await openPatched(temp, (img) => setFat(img, second, burst.firstCluster));
    expect(entryAt(entries, '/Burst').notes.join(' ')).toMatch(/loops/);
    expect(entries.filter((e) => e.path.startsWith('/Burst/'))).toHaveLength(40);
  });

  it('a subfolder pointing back at its parent, or at the root, is not walked again', async () => {
    const { entries } = await openPatched(temp, (img) => {
      img.writeUInt32LE(entryAt(clean, '/DCIM').firstCluster, stream(img, '100CANON') + 20);
      fixSetChecksum(img, stream(img, '100CANON') - 32);
      img.writeUInt32LE(geometry.rootCluster, stream(img, 'Trip') + 20);
      fixSetChecksum(img, stream(img, 'Trip') - 32);
    });
    expect(entryAt(entries, '/DCIM/100CANON').notes.join(' ')).toMatch(/already walked/);
    expect(entryAt(entries, '/Trip', true).notes.join(' ')).toMatch(/already walked/);
    expect(entries.filter((e) => e.path.startsWith('/DCIM/100CANON/') || e.path.startsWith('/Trip/'))).toEqual([]);
  });

  it('a deleted file whose FAT chain survived (as Windows leaves it) is read through the chain', async () => {
    const r = entryAt(clean, '/Frag/R fragmented, deleted.jpg', true);
    const chain = clustersOf(r, geometry);
    const expected = loadExfatManifest().entries.find((e) => e.path === r.path);
    const { entries, read } = await openPatched(temp, (img) => chain.forEach((c, i) => setFat(img, c, chain[i + 1] ?? 0xffffffff)));
    const restored = entryAt(entries, r.path, true);
    expect(restored.confidence).toBe('chain');
    expect(restored.notes).toContain('deleted, but its FAT chain survived: followed it');
    expect(await read(restored)).toBe(expected?.sha256);
  });

  it('a surviving chain that runs into clusters in use is not trusted: the free-cluster guess with a note', async () => {
    const r = entryAt(clean, '/Frag/R fragmented, deleted.jpg', true);
    const [first] = clustersOf(r, geometry) as [number];
    const q = entryAt(clean, '/Frag/Q.BIN').firstCluster;
    const { entries } = await openPatched(temp, (img) => {
      setFat(img, first, q);
      setFat(img, q, first + 10);
      setFat(img, first + 10, 0xffffffff);
    });
    const guessed = entryAt(entries, r.path, true);
    expect(guessed.confidence).toBe('contiguous-free');
    expect(guessed.notes.join(' ')).toMatch(/did not survive deletion \(it reaches clusters in use\)/);
  });

  it('a FAT and a root directory full of noise still give a bounded, partial result', async () => {
    let seed = 11;
    const noise = (b: Buffer) => {
      for (let i = 0; i < b.length; i++) b[i] = (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24;
    };
    const { fs, entries } = await openPatched(temp, (img) => {
      noise(img.subarray(geometry.fatOffset + 8, geometry.fatOffset + geometry.fatBytes));
      const root = geometry.dataOffset + (geometry.rootCluster - 2) * geometry.clusterSize;
      noise(img.subarray(root + 96, root + geometry.clusterSize));
    });
    expect(fs.notes.length + entries.filter((e) => e.notes.length > 0).length).toBeGreaterThan(0);
  });

  it('a walk honours an aborted signal', async () => {
    const fs = await exfat.open(bufferSource(exfatImage()));
    await expect(fs.entries({ signal: AbortSignal.abort() })).rejects.toThrow(/abort/i);
  });
});
