import { afterAll, describe, expect, it } from 'vitest';
import { exfatImage, fileEntryOffset, fixSetChecksum, loadExfatManifest } from '../../testing/exfat-fixtures.js';
import { exfatFormattedImage, loadExfatFormattedManifest } from '../../testing/exfat-formatted-fixture.js';
import { scratch, sha256 } from '../../testing/fixture-files.js';
import type { FsEntry, WalkOptions } from '../filesystem.js';
import { bufferSource } from '../source/buffer-source.js';
import type { ByteSource } from '../source/byte-source.js';
import { openFileSource } from '../source/file-source.js';
import { readByteRuns } from '../source/read-runs.js';
import { type ExfatGeometry, parseExfatBootSector } from './boot-sector.js';
import { exfat } from './exfat-descriptor.js';

const temp = scratch();
afterAll(() => temp.cleanup());

const card = exfatFormattedImage();
const g = parseExfatBootSector(card.subarray(0, 512));
const clusterAt = (geometry: ExfatGeometry, cluster: number): number => geometry.dataOffset + (cluster - 2) * geometry.clusterSize;
const listClean = async (image: Buffer) => (await exfat.open(bufferSource(image))).entries();
const before = await listClean(card);
const cluster = (path: string) => (before.find((e) => e.path === path) as FsEntry).firstCluster;
const shape = (entries: FsEntry[]) => entries.map((e) => `${e.path}|${e.size}|${e.isDirectory}`).sort();

/** The File entry of the set named `name`, and its stream extension, in the heap. */
const setAt = (image: Buffer, name: string) => fileEntryOffset(image, name, g.dataOffset);
/** Makes the set of `name` a directory set whose first cluster is `target`, `clusters` long (a FAT chain), checksum fixed. */
function pointDirectoryAt(image: Buffer, name: string, target: number, clusters = 1): void {
  const at = setAt(image, name);
  image.writeUInt16LE(image.readUInt16LE(at + 4) | 0x10, at + 4);
  image[at + 32 + 1] = 0x01; // AllocationPossible, no NoFatChain
  image.writeUInt32LE(target, at + 32 + 20);
  image.writeBigUInt64LE(BigInt(clusters * g.clusterSize), at + 32 + 8);
  image.writeBigUInt64LE(BigInt(clusters * g.clusterSize), at + 32 + 24);
  fixSetChecksum(image, at);
}
/** Marks the set of `name` deleted (in-use bits cleared: its checksum still holds with them restored). */
function markDeleted(image: Buffer, name: string): void {
  const at = setAt(image, name);
  for (let i = 0; i <= (image[at + 1] as number); i++) image[at + i * 32] = (image[at + i * 32] as number) & 0x7f;
}

/** Patches a copy of `image`, opens it from a file as a user's image would be, lists it and times the listing. */
async function listPatched(image: Buffer, patch: (img: Buffer) => void, options?: WalkOptions) {
  const copy = Buffer.from(image);
  patch(copy);
  const source = await openFileSource(temp.write('patched.img', copy));
  try {
    const fs = await exfat.open(source);
    const started = Date.now();
    const entries = await fs.entries(options);
    const ms = Date.now() - started;
    const hash = async (e: FsEntry) => sha256(await readByteRuns(source, e.byteRuns));
    const hashes = new Map<string, string>();
    for (const e of entries.filter((x) => !x.isDirectory)) hashes.set(e.path, await hash(e));
    return { fs, entries, ms, hashes };
  } finally {
    await source.close();
  }
}

describe('exFAT orphan directories with hostile or damaged sets end quickly, with notes', () => {
  const canon100 = cluster('/$OrphanFiles/DCIM/100CANON');
  const canon101 = cluster('/$OrphanFiles/DCIM/101CANON');
  const photos = (entries: FsEntry[], folder: string) => entries.filter((e) => e.path.includes(`/${folder}/`) && !e.isDirectory).map((e) => e.name);

  it('a directory set naming its own directory is not walked again', async () => {
    const { entries, ms } = await listPatched(card, (img) => pointDirectoryAt(img, 'IMG_0001.JPG', canon100));
    expect(ms).toBeLessThan(15_000);
    const self = entries.find((e) => e.name === 'IMG_0001.JPG') as FsEntry;
    expect(self.isDirectory).toBe(true);
    expect(self.notes.join(' ')).toMatch(new RegExp(`directory cluster ${canon100} is listed elsewhere`));
    expect(entries.filter((e) => e.firstCluster === canon100 && e.byteRuns.length > 0)).toHaveLength(1);
    expect(entries.length).toBe(before.length);
  });

  it('two orphan clusters naming each other (their own sets deleted): the loop is cut once, every photo listed once', async () => {
    const { entries, ms } = await listPatched(card, (img) => {
      markDeleted(img, '100CANON');
      markDeleted(img, '101CANON');
      pointDirectoryAt(img, 'IMG_0001.JPG', canon101, 2);
      pointDirectoryAt(img, 'IMG_0101.JPG', canon100);
    });
    expect(ms).toBeLessThan(15_000);
    const top = entries.find((e) => e.path === `/$OrphanFiles/OrphanDir-${canon100}`) as FsEntry;
    expect(top.notes.join(' ')).toMatch(new RegExp(`parent links loop \\(clusters ${canon100} → ${canon101} → ${canon100}\\); cut here`));
    const inside = entries.filter((e) => e.path.startsWith(`/$OrphanFiles/OrphanDir-${canon100}/IMG_0001.JPG/`));
    expect(inside.map((e) => e.name)).toContain('MVI_0147.MOV');
    for (const name of [...photos(before, '100CANON'), ...photos(before, '101CANON')].filter((n) => !/^IMG_0(001|101)\.JPG$/.test(n))) {
      expect(entries.filter((e) => e.name === name), name).toHaveLength(1);
    }
  });

  it('clusters full of near-sets (checksums off by one bit, live or deleted) make no folder, and the scan stays fast', async () => {
    const near = Buffer.from(card.subarray(clusterAt(g, canon101), clusterAt(g, canon101) + g.clusterSize));
    for (let at = 0; at < near.length; at += 32) if (((near[at] as number) | 0x80) === 0x85) near[at + 2] = (near[at + 2] as number) ^ 1;
    const deletedNear = Buffer.from(near);
    for (let at = 0; at < deletedNear.length; at += 32) deletedNear[at] = (deletedNear[at] as number) & 0x7f;
    const { entries, ms } = await listPatched(card, (img) => {
      for (let c = 600; c < 1500; c++) (c % 2 ? near : deletedNear).copy(img, clusterAt(g, c));
    });
    expect(ms).toBeLessThan(15_000);
    expect(shape(entries)).toEqual(shape(before));
  });

  it('a FAT-chain file after the format: the free clusters from its first on (the new FAT is empty), with a note', async () => {
    const { entries, hashes } = await listPatched(card, (img) => {
      const at = setAt(img, 'IMG_0006.JPG');
      img[at + 33] = (img[at + 33] as number) & ~0x02;
      fixSetChecksum(img, at);
    });
    const entry = entries.find((e) => e.name === 'IMG_0006.JPG') as FsEntry;
    const expected = loadExfatFormattedManifest().entries.find((e) => e.path === '/DCIM/100CANON/IMG_0006.JPG');
    expect(entry.confidence).toBe('contiguous-free');
    expect(entry.notes.join(' ')).toMatch(/FAT chain did not survive.*guessed as the free ones from the first on/);
    expect(hashes.get(entry.path)).toBe(expected?.sha256);
  });

  it('a NoFatChain folder whose length runs over the next folders stops before them', async () => {
    const { entries } = await listPatched(card, (img) => {
      const at = setAt(img, '102CANON');
      img.writeBigUInt64LE(BigInt(400 * g.clusterSize), at + 32 + 8);
      img.writeBigUInt64LE(BigInt(400 * g.clusterSize), at + 32 + 24);
      fixSetChecksum(img, at);
    });
    expect(entries.find((e) => e.path === '/$OrphanFiles/DCIM/102CANON')?.notes.join(' ')).toMatch(/over 400 clusters, but only the first \d+ are free/);
    expect(shape(entries)).toEqual(shape(before));
  });

  it('a damaged set does not lose the folder it sits in; the folder it named comes back as a top of its own', async () => {
    const { entries } = await listPatched(card, (img) => {
      img[setAt(img, '101CANON') + 32 + 20] ^= 0x40; // 101CANON's first cluster, checksum not fixed
    });
    expect(entries.find((e) => e.path === '/$OrphanFiles/DCIM/101CANON')?.notes.join(' ')).toMatch(/set checksum .* does not match/);
    expect(entries.some((e) => e.path === '/$OrphanFiles/DCIM/100CANON/IMG_0002.JPG')).toBe(true);
    expect(entries.filter((e) => e.name === 'MVI_0147.MOV').map((e) => e.path)).toEqual([`/$OrphanFiles/OrphanDir-${canon101}/MVI_0147.MOV`]);
  });

  it('a truncated image: what lies before the end is listed, with notes', async () => {
    const cut = card.subarray(0, clusterAt(g, canon101) + g.clusterSize / 2);
    const { entries, fs } = await listPatched(cut, () => undefined);
    expect(fs.notes.join(' ')).toMatch(/past the end/);
    expect(entries.some((e) => e.path === '/$OrphanFiles/DCIM/100CANON/IMG_0002.JPG')).toBe(true);
  });

  it('the scan honours an AbortSignal', async () => {
    const controller = new AbortController();
    const source = bufferSource(card);
    const spy: ByteSource = { ...source, read: (o, l) => (o > 4 * 1024 * 1024 && controller.abort(), source.read(o, l)) };
    const fs = await exfat.open(spy);
    await expect(fs.entries({ signal: controller.signal })).rejects.toThrow(/abort/i);
  });
});

describe('on an exFAT volume that was not formatted', () => {
  it('a deleted folder whose own set was overwritten comes back from the scan, bytes intact, and only once', async () => {
    const image = exfatImage();
    const manifest = loadExfatManifest();
    const eg = parseExfatBootSector(image.subarray(0, 512));
    const { entries, hashes } = await listPatched(image, (img) => {
      const trip = fileEntryOffset(img, 'Trip', eg.dataOffset); // the deleted /Trip set in the root
      img.writeUInt32LE(0, trip + 32 + 20);
      fixSetChecksum(img, trip);
    });
    const top = entries.find((e) => /^\/\$OrphanFiles\/OrphanDir-\d+$/.test(e.path)) as FsEntry;
    expect(top.notes.join(' ')).toMatch(/named after its first cluster.*no path from the root reaches/);
    for (const expected of manifest.entries.filter((e) => e.path.startsWith('/Trip/'))) {
      const path = `${top.path}/${expected.path.slice('/Trip/'.length)}`;
      const entry = entries.find((e) => e.path === path) as FsEntry;
      expect(entry, path).toBeDefined();
      expect(entry.deleted).toBe(true);
      if (!expected.isDirectory) expect(hashes.get(path), path).toBe(expected.sha256);
    }
    const unpatched = await listClean(image);
    expect(unpatched.some((e) => e.path.startsWith('/$OrphanFiles'))).toBe(false);
    const tripCount = manifest.entries.filter((e) => e.path.startsWith('/Trip/')).length;
    // The walk no longer reaches Trip's content; the scan adds $OrphanFiles, the folder and that content.
    expect(entries.length).toBe(unpatched.length - tripCount + 2 + tripCount);
  });
});
