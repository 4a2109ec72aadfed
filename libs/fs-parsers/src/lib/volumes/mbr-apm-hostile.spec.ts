import { describe, expect, it } from 'vitest';
import { layoutNotes as notes, patchedLayouts, volumeNumbers as numbers } from '../../testing/volume-fixtures.js';
import { bufferSource } from '../source/buffer-source.js';
import { MAX_APM_ENTRIES } from './apm-table.js';
import { MAX_LOGICAL_PARTITIONS } from './ebr-chain.js';
import { openVolumes } from './open-volumes.js';

/** A patched copy's layout; every hostile variant must be answered quickly. */
const layoutOf = patchedLayouts();

// mbr-extended: extended partition at sector 10240, EBRs at 10240 and 16384; entry 2 of an EBR links on.
const EBR1 = 10240 * 512;
const EBR2 = 16384 * 512;
const link = (image: Buffer, ebr: number, start: number, type = 0x05) => {
  image[ebr + 462 + 4] = type;
  image.writeUInt32LE(start, ebr + 462 + 8);
};

describe('MBR extended partitions with damage', () => {
  it('an EBR chain that loops back to the first EBR is read once, with a note', async () => {
    const layout = await layoutOf('mbr-extended', (img) => link(img, EBR2, 0));
    expect(numbers(layout)).toEqual([1, 2, 5, 6]);
    expect(notes(layout)).toMatch(/EBR at sector 10240 was already read: the chain of logical partitions loops/);
  });

  it('an EBR that links to itself', async () => {
    const layout = await layoutOf('mbr-extended', (img) => link(img, EBR1, 0));
    expect(numbers(layout)).toEqual([1, 2, 5]);
    expect(notes(layout)).toMatch(/loops/);
  });

  it('a link out of the extended partition, and one to a non-extended type', async () => {
    const out = await layoutOf('mbr-extended', (img) => link(img, EBR1, 0xfffffff0));
    expect(numbers(out)).toEqual([1, 2, 5]);
    expect(notes(out)).toMatch(/lies outside its extended partition/);
    const odd = await layoutOf('mbr-extended', (img) => link(img, EBR1, 6144, 0x83));
    expect(notes(odd)).toMatch(/links to a partition of type 0x83 instead of the next EBR/);
  });

  it(`a chain of 200 EBRs stops at ${MAX_LOGICAL_PARTITIONS}`, async () => {
    const image = Buffer.alloc(4096 * 512);
    const ebr = (sector: number, next: number | null) => {
      const at = sector * 512;
      image[at + 446 + 4] = 0x83;
      image.writeUInt32LE(1, at + 446 + 8);
      image.writeUInt32LE(1, at + 446 + 12);
      if (next !== null) link(image, at, next - 100);
      image.writeUInt16LE(0xaa55, at + 510);
    };
    image[446 + 4] = 0x05;
    image.writeUInt32LE(100, 446 + 8);
    image.writeUInt32LE(3000, 446 + 12);
    image.writeUInt16LE(0xaa55, 510);
    for (let i = 0; i < 200; i++) ebr(100 + 2 * i, i < 199 ? 100 + 2 * (i + 1) : null);
    const layout = await openVolumes(bufferSource(image));
    expect(layout.volumes).toHaveLength(MAX_LOGICAL_PARTITIONS);
    expect(layout.volumes.at(-1)?.partition?.number).toBe(4 + MAX_LOGICAL_PARTITIONS);
    expect(notes(layout)).toMatch(/more than 128 EBRs/);
  });

  it('a truncated image: the second EBR is gone, a logical partition is cut', async () => {
    const layout = await layoutOf('mbr-extended', (img) => img.subarray(0, 14 * 1024 * 1024 / 2));
    expect(numbers(layout)).toEqual([1, 2, 5]);
    expect(notes(layout)).toMatch(/EBR at sector 16384 lies past the end/);
    expect(notes(layout)).toMatch(/partition 5 runs past the end/);
  });
});

// apm-hybrid: 2048-byte blocks, map entries in blocks 1–4, pmMapBlkCnt at byte 4 of each.
describe('Apple Partition Map with damage', () => {
  it('a map that claims 2^32-1 entries is read up to the first block without "PM"', async () => {
    const layout = await layoutOf('apm-hybrid', (img) => {
      for (let block = 1; block <= 4; block++) img.writeUInt32BE(0xffffffff, block * 2048 + 4);
    });
    expect(layout.volumes).toHaveLength(3);
    expect(notes(layout)).toMatch(/claims 4294967295 entries; at most 193 are read/);
  });

  it(`a map of 300 "PM" blocks stops at ${MAX_APM_ENTRIES}`, async () => {
    const image = Buffer.alloc(512 * 400);
    image.write('ER', 0, 'latin1');
    image.writeUInt16BE(512, 2);
    for (let block = 1; block <= 300; block++) {
      const at = block * 512;
      image.write('PM', at, 'latin1');
      image.writeUInt32BE(300, at + 4);
      image.writeUInt32BE(block, at + 8);
      image.writeUInt32BE(1, at + 12);
      image.write('Apple_HFS', at + 48, 'latin1');
    }
    const layout = await openVolumes(bufferSource(image));
    expect(layout.volumes).toHaveLength(MAX_APM_ENTRIES);
    expect(notes(layout)).toMatch(/claims 300 entries; at most 256/);
  });

  it('an entry without "PM" ends the map; a wrong Driver Descriptor block size is a note', async () => {
    const layout = await layoutOf('apm-hybrid', (img) => {
      img.write('XX', 3 * 2048, 'latin1');
      img.writeUInt16BE(512, 2);
    });
    expect(numbers(layout)).toEqual([2]);
    expect(notes(layout)).toMatch(/says 512-byte blocks but the map is laid out in 2048-byte blocks/);
    expect(notes(layout)).toMatch(/entry 3 has no "PM" signature/);
  });

  it('a truncated image: partitions past the end are notes, the one across it is cut', async () => {
    const layout = await layoutOf('apm-hybrid', (img) => img.subarray(0, 40 * 2048));
    expect(numbers(layout)).toEqual([2, 3]);
    expect(notes(layout)).toMatch(/partition 3 runs past the end/);
    expect(notes(layout)).toMatch(/partition 4 starts at byte 90112, past the end/);
  });

  it('a source shorter than a sector is one volume with a note', async () => {
    const layout = await layoutOf('apm-hybrid', (img) => img.subarray(0, 300));
    expect(layout.scheme).toBe('none');
    expect(layout.notes).toEqual([expect.stringMatching(/too small for a partition table/)]);
  });
});
