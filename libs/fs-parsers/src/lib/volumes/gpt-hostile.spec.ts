import { describe, expect, it } from 'vitest';
import { layoutNotes as notes, patchedLayouts, volumeNumbers as numbers } from '../../testing/volume-fixtures.js';
import { CorruptError } from '../errors.js';
import { crc32 } from './crc32.js';

/** A patched copy's layout; every hostile variant must be answered quickly. */
const layoutOf = patchedLayouts();

// gpt: 512-byte sectors, primary header at LBA 1, entries at LBA 2, backup header at the last LBA.
const PRIMARY = 512;
const rehashHeader = (img: Buffer, at: number) => {
  img.writeUInt32LE(0, at + 16);
  img.writeUInt32LE(crc32(img.subarray(at, at + img.readUInt32LE(at + 12))), at + 16);
};
const rehashArray = (img: Buffer, header: number) => {
  const array = Number(img.readBigUInt64LE(header + 72)) * 512;
  img.writeUInt32LE(crc32(img.subarray(array, array + img.readUInt32LE(header + 80) * img.readUInt32LE(header + 84))), header + 88);
  rehashHeader(img, header);
};
/** Sets a header field in the primary (and the backup) header with valid CRCs, as a crafted image would. */
const headerField = (img: Buffer, field: number, value: number, both = false) => {
  for (const at of both ? [PRIMARY, img.length - 512] : [PRIMARY]) {
    img.writeUInt32LE(value, at + field);
    rehashHeader(img, at);
  }
};

describe('GPT with damage', () => {
  it('a header CRC that does not match: the backup header, with a note', async () => {
    const layout = await layoutOf('gpt', (img) => void (img[PRIMARY + 60] ^= 0xff));
    expect(numbers(layout)).toEqual([1, 2, 3]);
    expect(notes(layout)).toMatch(/primary GPT header at LBA 1 \(512-byte sectors\) is damaged: header CRC32 is 0x[0-9a-f]{8} but.*backup header at LBA 81919 is used/);
  });

  it('an entry array CRC that does not match: the backup, with a note', async () => {
    const layout = await layoutOf('gpt', (img) => void (img[2 * 512 + 60] ^= 0xff));
    expect(numbers(layout)).toEqual([1, 2, 3]);
    expect(notes(layout)).toMatch(/entry array CRC32/);
  });

  it('2^31 entries, or entries of 0 bytes: refused, the backup is used; in both headers: a CorruptError', async () => {
    const count = await layoutOf('gpt', (img) => headerField(img, 80, 2 ** 31));
    expect(numbers(count)).toEqual([1, 2, 3]);
    expect(notes(count)).toMatch(/2147483648 entries of 128 bytes exceed/);
    const size = await layoutOf('gpt', (img) => headerField(img, 84, 0));
    expect(notes(size)).toMatch(/entry size 0 is not 128 × 2\^n/);
    await expect(layoutOf('gpt', (img) => headerField(img, 80, 2 ** 31, true))).rejects.toBeInstanceOf(CorruptError);
    await expect(layoutOf('gpt', (img) => headerField(img, 84, 0, true))).rejects.toThrow(/no usable GPT header/);
  });

  it('an entry array past the end of the disk', async () => {
    const layout = await layoutOf('gpt', (img) => {
      img.writeBigUInt64LE(2n ** 40n, PRIMARY + 72);
      rehashHeader(img, PRIMARY);
    });
    expect(notes(layout)).toMatch(/entry array \(LBA 1099511627776, 16384 bytes\) lies past the end/);
    expect(numbers(layout)).toEqual([1, 2, 3]);
  });

  it('partitions past the end of the disk, or ending before they start, are notes', async () => {
    const layout = await layoutOf('gpt', (img) => {
      for (const header of [PRIMARY, img.length - 512]) {
        const array = Number(img.readBigUInt64LE(header + 72)) * 512;
        img.writeBigUInt64LE(200_000n, array + 128 * 2 + 40); // entry 3 ends past the disk
        img.writeBigUInt64LE(2n ** 62n, array + 128 * 1 + 32); // entry 2 starts after it ends
        rehashArray(img, header);
      }
    });
    expect(numbers(layout)).toEqual([1, 3]);
    expect(notes(layout)).toMatch(/GPT entry 2 ends .* before it starts/);
    expect(notes(layout)).toMatch(/partition 3 lies outside the usable LBAs/);
    expect(notes(layout)).toMatch(/partition 3 runs past the end/);
  });

  it('a damaged backup next to a good primary is a note', async () => {
    const layout = await layoutOf('gpt', (img) => void (img[img.length - 512 + 60] ^= 0xff));
    expect(numbers(layout)).toEqual([1, 2, 3]);
    expect(layout.notes).toEqual([expect.stringMatching(/^the backup GPT header at LBA 81919 is damaged: header CRC32/)]);
  });

  it('a truncated image: the backup header is gone, partitions are cut or past the end', async () => {
    const layout = await layoutOf('gpt', (img) => img.subarray(0, 3 * 1024 * 1024));
    expect(numbers(layout)).toEqual([1, 2]);
    expect(notes(layout)).toMatch(/backup GPT header at LBA 81919 is damaged: LBA 81919 lies past the end/);
    expect(notes(layout)).toMatch(/partition 2 runs past the end/);
    expect(notes(layout)).toMatch(/partition 3 starts at byte 37748736, past the end/);
  });

  it('a 4K-sector disk with its primary header wiped falls back to the 4096-byte backup', async () => {
    const layout = await layoutOf('gpt-4k', (img) => void img.fill(0, 4096, 8192));
    expect(layout.sectorSize).toBe(4096);
    expect(numbers(layout)).toEqual([1, 2]);
    expect(notes(layout)).toMatch(/backup header at LBA 1535 is used/);
  });
});
