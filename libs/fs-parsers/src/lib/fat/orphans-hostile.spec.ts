import { afterAll, describe, expect, it } from 'vitest';
import { fixtureImage, loadManifest, recoveredPath } from '../../testing/fat-fixtures.js';
import { scratch, sha256 } from '../../testing/fixture-files.js';
import { formattedImage } from '../../testing/formatted-fixture.js';
import type { FsEntry, WalkOptions } from '../filesystem.js';
import { bufferSource } from '../source/buffer-source.js';
import type { ByteSource } from '../source/byte-source.js';
import { openFileSource } from '../source/file-source.js';
import { readByteRuns } from '../source/read-runs.js';
import { type FatGeometry, parseFatBootSector } from './boot-sector.js';
import { fat32 } from './fat-descriptors.js';
import type { FatFileSystem } from './fat-filesystem.js';

const temp = scratch();
afterAll(() => temp.cleanup());

const clean = async (image: Buffer) => (await (await fat32.open(bufferSource(image))).entries()) as FsEntry[];
const clusterAt = (g: FatGeometry, cluster: number): number => g.dataOffset + (cluster - 2) * g.clusterSize;
/** Sets the first cluster of the 32-byte entry at `at` (FAT32: high and low words). */
function setCluster(image: Buffer, at: number, cluster: number): void {
  image.writeUInt16LE(cluster >>> 16, at + 20);
  image.writeUInt16LE(cluster & 0xffff, at + 26);
}

/** Patches a copy of `image`, opens it from a file as a user's image would be, and lists it. */
async function listPatched(image: Buffer, patch: (img: Buffer, g: FatGeometry) => void, options?: WalkOptions) {
  const copy = Buffer.from(image);
  const g = parseFatBootSector(copy.subarray(0, 512));
  patch(copy, g);
  const source = await openFileSource(temp.write('patched.img', copy));
  try {
    const fs = (await fat32.open(source)) as FatFileSystem;
    const started = Date.now();
    const entries = await fs.entries(options);
    const ms = Date.now() - started;
    const hashes = new Map<FsEntry, string>();
    for (const e of entries.filter((x) => !x.isDirectory)) hashes.set(e, sha256(await readByteRuns(source, e.byteRuns)));
    return { fs, entries, ms, hashes };
  } finally {
    await source.close();
  }
}

describe('orphan directories with hostile or damaged links end quickly, with notes', async () => {
  const card = formattedImage();
  const before = await clean(card);
  const cluster = (path: string) => (before.find((e) => e.path === path) as FsEntry).firstCluster;
  const dcim = cluster('/$OrphanFiles/DCIM');
  const canon100 = cluster('/$OrphanFiles/DCIM/100CANON');
  const canon101 = cluster('/$OrphanFiles/DCIM/101CANON');
  const photos100 = before.filter((e) => e.path.startsWith('/$OrphanFiles/DCIM/100CANON/')).map((e) => e.name);

  it("a '..' loop between two orphan directories (and an entry naming the parent) is cut once, with a note", async () => {
    const { entries, ms } = await listPatched(card, (img, g) => {
      setCluster(img, clusterAt(g, dcim) + 32, canon100); // DCIM's '..' -> 100CANON
      const img1 = img.indexOf('IMG_0001JPG', clusterAt(g, canon100), 'latin1');
      img[img1 + 11] = 0x10; // 100CANON/IMG_0001.JPG becomes a sub-directory entry naming DCIM
      setCluster(img, img1, dcim);
    });
    expect(ms).toBeLessThan(15_000);
    expect(entries.flatMap((e) => e.notes).join(' | ')).toMatch(/parent links loop \(clusters \d+ → \d+ → \d+\); cut here/);
    for (const name of photos100.filter((n) => n !== 'IMG_0001.JPG')) {
      expect(entries.filter((e) => e.name === name && e.path.includes('/100CANON/')), name).toHaveLength(1);
    }
    expect(entries.filter((e) => e.firstCluster === dcim && e.isDirectory && e.byteRuns.length > 0)).toHaveLength(1);
  });

  it("a pure '..' loop (each directory's '..' names the other) still lists the tree once", async () => {
    const { entries } = await listPatched(card, (img, g) => setCluster(img, clusterAt(g, dcim) + 32, canon101));
    expect(entries.filter((e) => e.name === 'MVI_0101.MOV')).toHaveLength(1);
    expect(entries.length).toBe(before.length);
  });

  it("a '.' that points elsewhere is not a directory: its folder's files are lost, the entry naming it says why", async () => {
    const { entries } = await listPatched(card, (img, g) => setCluster(img, clusterAt(g, canon101), canon100));
    expect(entries.some((e) => e.name === 'MVI_0101.MOV')).toBe(false);
    expect(entries.find((e) => e.path === '/$OrphanFiles/DCIM/101CANON')?.notes.join(' ')).toMatch(/no longer holds this directory/);
    expect(entries.filter((e) => e.name === 'IMG_0002.JPG')).toHaveLength(1);
  });

  it("a '..' past the last cluster is not a directory start either", async () => {
    const { entries } = await listPatched(card, (img, g) => setCluster(img, clusterAt(g, canon100) + 32, 0x0ffffff0));
    expect(entries.some((e) => e.name === 'IMG_0002.JPG')).toBe(false);
    expect(entries.some((e) => e.path === '/$OrphanFiles/DCIM/101CANON/MVI_0101.MOV')).toBe(true);
  });

  it('the scan honours an AbortSignal', async () => {
    const controller = new AbortController();
    const source = bufferSource(card);
    const spy: ByteSource = { ...source, read: (o, l) => (o > 8 * 1024 * 1024 && controller.abort(), source.read(o, l)) };
    const fs = await fat32.open(spy);
    await expect(fs.entries({ signal: controller.signal })).rejects.toThrow(/abort/i);
  });
});

describe('on a volume that was not formatted', () => {
  it('a deleted folder whose own entry was overwritten comes back from the scan, bytes intact, and only once', async () => {
    const image = fixtureImage('fat32');
    const manifest = loadManifest('fat32');
    const { entries, hashes } = await listPatched(image, (img, g) => {
      const trip = img.indexOf('\xe5RIP       \x10', g.dataOffset, 'latin1'); // the deleted /Trip entry in the root
      setCluster(img, trip, 0);
    });
    const top = entries.find((e) => e.path.startsWith('/$OrphanFiles/OrphanDir-') && e.isDirectory) as FsEntry;
    expect(top.notes.join(' ')).toMatch(/'\.\.' entry points to the root directory.*no path from the root reaches/);
    for (const expected of manifest.entries.filter((e) => e.path.startsWith('/Trip/'))) {
      const entry = entries.find((e) => e.path === `${top.path}/${recoveredPath(expected, manifest).slice('/Trip/'.length)}`) as FsEntry;
      expect(entry.deleted).toBe(true);
      expect(hashes.get(entry), expected.path).toBe(expected.sha256);
    }
    const unpatched = await clean(image);
    expect(unpatched.some((e) => e.path.startsWith('/$OrphanFiles'))).toBe(false);
    // The walk no longer reaches Trip's two files; the scan adds $OrphanFiles, the folder and those two files.
    expect(entries.length).toBe(unpatched.length - 2 + 4);
    expect(entries.find((e) => e.path === '/Trip')?.notes.join(' ')).toMatch(/outside/);
  });
});
