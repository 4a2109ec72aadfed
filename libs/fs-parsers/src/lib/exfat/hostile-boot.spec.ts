import { afterAll, describe, expect, it } from 'vitest';
import { exfatImage } from '../../testing/exfat-fixtures.js';
import { fixtureImage } from '../../testing/fat-fixtures.js';
import { scratch } from '../../testing/fixture-files.js';
import { CorruptError, TruncatedError } from '../errors.js';
import { detectFilesystem, filesystems } from '../filesystems.js';
import { bufferSource } from '../source/buffer-source.js';
import { openFileSource } from '../source/file-source.js';
import { exfat } from './exfat-descriptor.js';
import type { ExfatFileSystem } from './exfat-filesystem.js';

const temp = scratch();
afterAll(() => temp.cleanup());
const SECTOR = 512;

async function open(image: Buffer) {
  const source = await openFileSource(temp.write('boot.img', image));
  try {
    expect(await exfat.probe(source)).toBe(true);
    const fs = (await exfat.open(source)) as ExfatFileSystem;
    return { fs, entries: await fs.entries(), free: await fs.freeRanges(), size: source.size };
  } finally {
    await source.close();
  }
}
const shape = (entries: { path: string; deleted: boolean; size: number }[]) => entries.map((e) => `${e.deleted}|${e.path}|${e.size}`);
const clean = async () => shape((await open(exfatImage())).entries);

describe('exFAT boot region damage: the backup, notes, typed errors', () => {
  it('a main boot region with a bad checksum falls back to a sound backup, with notes, and loses nothing', async () => {
    const image = exfatImage();
    image[SECTOR * 11] = (image[SECTOR * 11] as number) ^ 0xff;
    const { fs, entries } = await open(image);
    expect(fs.notes.join(' | ')).toMatch(/main boot region: checksum 0x[0-9a-f]{8} does not match .*using the backup boot region/);
    expect(shape(entries)).toEqual(await clean());
  });

  it('a main boot sector with broken fields but its exFAT name is detected and opened through the backup', async () => {
    const image = exfatImage();
    image.fill(0, 64, SECTOR); // geometry and signature gone, "EXFAT   " kept
    const { fs, entries } = await open(image);
    expect(fs.notes.join(' ')).toMatch(/main boot region: .*using the backup/);
    expect(shape(entries)).toEqual(await clean());
  });

  it('a wiped main boot sector is not detected (a stale backup is no proof), but open() still reads the backup', async () => {
    const image = exfatImage();
    image.fill(0, 0, SECTOR);
    expect(await detectFilesystem(bufferSource(image))).toBeNull();
    const fs = await exfat.open(bufferSource(image));
    expect(fs.notes.join(' ')).toMatch(/main boot region: no exFAT boot sector.*using the backup/);
    expect(shape(await fs.entries())).toEqual(await clean());
  });

  it('both regions with bad checksums: the main one is used, and both are reported', async () => {
    const image = exfatImage();
    image[SECTOR * 11] = (image[SECTOR * 11] as number) ^ 1;
    image[SECTOR * 23] = (image[SECTOR * 23] as number) ^ 1;
    const { fs } = await open(image);
    expect(fs.notes.filter((n) => /boot region: checksum/.test(n))).toHaveLength(2);
  });

  it('a damaged backup alone is a note; volume flags (dirty) are reported', async () => {
    const image = exfatImage();
    image[SECTOR * 12 + 100] = (image[SECTOR * 12 + 100] as number) ^ 1;
    image.writeUInt16LE(0x0002, 106); // VolumeDirty: outside the checksum
    const { fs } = await open(image);
    expect(fs.notes).toEqual([expect.stringMatching(/^backup boot region: checksum/), 'the volume is marked dirty: it was not cleanly unmounted']);
  });

  it('impossible geometry in both regions is a CorruptError, and no probe matches', async () => {
    const image = exfatImage();
    for (const at of [0, SECTOR * 12]) image.writeUInt32LE(0, at + 92); // ClusterCount 0
    const source = bufferSource(image);
    expect(await detectFilesystem(source)).toBeNull();
    await expect(exfat.open(source)).rejects.toThrow(CorruptError);
    await expect(exfat.open(source)).rejects.toThrow(/ClusterCount is 0/);
  });

  it('probes never throw and never claim FAT, noise or a FAT32 card with a stale exFAT backup at sector 12', async () => {
    for (const name of ['fat12', 'fat16', 'fat32'] as const) expect(await exfat.probe(bufferSource(fixtureImage(name)))).toBe(false);
    const fat32 = fixtureImage('fat32');
    exfatImage().copy(fat32, SECTOR * 12, SECTOR * 12, SECTOR * 24);
    expect((await detectFilesystem(bufferSource(fat32)))?.id).toBe('fat32');
    const ntfs = exfatImage();
    ntfs.write('NTFS    ', 3, 'latin1');
    expect(await exfat.probe(bufferSource(ntfs.subarray(0, SECTOR * 12)))).toBe(false);
    for (const bytes of [Buffer.alloc(0), Buffer.alloc(100), exfatImage().subarray(0, 300)]) {
      expect(await exfat.probe(bufferSource(bytes))).toBe(false);
    }
    const exfatOnly = filesystems.filter((d) => d.id !== 'exfat');
    for (const descriptor of exfatOnly) expect(await descriptor.probe(bufferSource(exfatImage()))).toBe(false);
  });

  it('an image cut in half opens with a note, and nothing points past its end', async () => {
    const image = exfatImage();
    const cut = image.subarray(0, 2 * 1024 * 1024 + 200 * 1024);
    const { fs, entries, free, size } = await open(cut);
    expect(fs.notes.join(' ')).toMatch(/cluster heap ends at byte .* clusters past the end are unreadable/);
    for (const run of [...entries.flatMap((e) => e.byteRuns), ...free]) expect(run.offset + run.length).toBeLessThanOrEqual(size);
    expect(entries.some((e) => e.notes.some((n) => /past the end/.test(n)))).toBe(true);
  });

  it('an image cut inside its FAT is a TruncatedError; under one sector too', async () => {
    await expect(exfat.open(bufferSource(exfatImage().subarray(0, 1024 * 1024 + 100)))).rejects.toBeInstanceOf(TruncatedError);
    await expect(exfat.open(bufferSource(exfatImage().subarray(0, 300)))).rejects.toBeInstanceOf(TruncatedError);
  });
});
