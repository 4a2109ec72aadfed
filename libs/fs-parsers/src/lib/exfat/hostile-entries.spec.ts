import { afterAll, describe, expect, it } from 'vitest';
import { exfatImage, fileEntryOffset, fixSetChecksum, openPatchedExfat as openPatched } from '../../testing/exfat-fixtures.js';
import { entryAt } from '../../testing/fixture-checks.js';
import { scratch } from '../../testing/fixture-files.js';
import { totalLength } from '../../testing/ranges.js';
import type { FsEntry } from '../filesystem.js';
import { bufferSource } from '../source/buffer-source.js';
import { parseExfatBootSector } from './boot-sector.js';
import { exfat } from './exfat-descriptor.js';
import type { ExfatFileSystem } from './exfat-filesystem.js';

const temp = scratch();
afterAll(() => temp.cleanup());
const geometry = parseExfatBootSector(exfatImage().subarray(0, 512));
const clean = await ((await exfat.open(bufferSource(exfatImage()))) as ExfatFileSystem).entries();
/** Where a set's stream extension keeps its first cluster, ValidDataLength and DataLength. */
const stream = (image: Buffer, name: string) => fileEntryOffset(image, name, geometry.dataOffset) + 32;
const shapeOf = (entries: FsEntry[]) => entries.map((e) => `${e.deleted}|${e.path}|${e.size}|${e.firstCluster}`);

describe('exFAT with altered entries and system files: notes on what is damaged, nothing lost', () => {
  it('a huge SecondaryCount does not swallow the sets after it', async () => {
    const { entries } = await openPatched(temp, (img) => {
      img[fileEntryOffset(img, 'IMG_0001.JPG', geometry.dataOffset) + 1] = 255;
    });
    expect(entryAt(entries, '/DCIM/100CANON/IMG_0001.JPG').notes.join(' ')).toMatch(/SecondaryCount 255 .* claims 255 secondary entries but 2 follow/);
    expect(shapeOf(entries)).toEqual(shapeOf(clean));
  });

  it('an altered entry set fails its checksum: a note on that entry only', async () => {
    const { entries } = await openPatched(temp, (img) => {
      img[fileEntryOffset(img, 'notes.txt', geometry.dataOffset) + 12] ^= 0x01; // modification time
    });
    expect(entryAt(entries, '/notes.txt').notes).toEqual([expect.stringMatching(/^set checksum 0x[0-9a-f]{4} does not match/)]);
    expect(entries.filter((e) => e.notes.some((n) => /set checksum/.test(n)))).toHaveLength(1);
  });

  it('a name hash that does not match the up-cased name is reported', async () => {
    const { entries } = await openPatched(temp, (img) => {
      img.writeUInt16LE(0x1234, stream(img, 'keep me.mov') + 4);
      fixSetChecksum(img, stream(img, 'keep me.mov') - 32);
    });
    expect(entryAt(entries, '/Videos/keep me.mov').notes).toEqual([expect.stringMatching(/name hash 0x[0-9a-f]+ does not match the stored 0x1234/)]);
  });

  it('ValidDataLength short of DataLength: the runs cover only the written bytes, and a note says why', async () => {
    const { entries } = await openPatched(temp, (img) => {
      img.writeBigUInt64LE(3000n, stream(img, 'IMG_0001.JPG') + 8);
      fixSetChecksum(img, stream(img, 'IMG_0001.JPG') - 32);
    });
    const photo = entryAt(entries, '/DCIM/100CANON/IMG_0001.JPG');
    expect(photo.size).toBe(5000);
    expect(totalLength(photo.byteRuns)).toBe(3000);
    expect(photo.notes.join(' ')).toMatch(/only the first 3000 of 5000 bytes were written \(ValidDataLength\).*not file content/);
  });

  it('an up-case table with a bad checksum is a note; names still read', async () => {
    const { fs, entries } = await openPatched(temp, (img) => {
      img[geometry.dataOffset + geometry.clusterSize + 100] ^= 0xff; // the table starts at cluster 3
    });
    expect(fs.notes).toEqual([expect.stringMatching(/^up-case table checksum .* name hashes not checked$/)]);
    expect(shapeOf(entries)).toEqual(shapeOf(clean));
  });

  it('no allocation bitmap: every cluster is reported free, with a note', async () => {
    const { fs, free } = await openPatched(temp, (img) => {
      const root = geometry.dataOffset + (geometry.rootCluster - 2) * geometry.clusterSize;
      img[img.indexOf(0x81, root)] = 0x01;
    });
    expect(fs.notes.join(' ')).toMatch(/no allocation bitmap/);
    expect(free).toEqual([{ offset: geometry.dataOffset, length: geometry.clusterCount * geometry.clusterSize }]);
  });
});
