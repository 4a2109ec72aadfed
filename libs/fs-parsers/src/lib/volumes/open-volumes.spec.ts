import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { crc32 as zlibCrc32 } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { fixtureImage, loadManifest } from '../../testing/fat-fixtures.js';
import { scratch, sha256 } from '../../testing/fixture-files.js';
import { volumeFixtureImage } from '../../testing/volume-fixtures.js';
import { CorruptError } from '../errors.js';
import type { FilesystemDescriptor } from '../filesystem.js';
import { detectFilesystem } from '../filesystems.js';
import { bufferSource } from '../source/buffer-source.js';
import { openFileSource } from '../source/file-source.js';
import { readByteRuns } from '../source/read-runs.js';
import { crc32 } from './crc32.js';
import { parseMbr } from './mbr.js';
import { openVolumes } from './open-volumes.js';

const temp = scratch();
afterAll(() => temp.cleanup());

/** A disk: an MBR with the given entries, then `volume` at LBA 2048 (1 MiB), as card readers lay them out. */
function disk(volume: Buffer, entries: { type: number; start: number; count: number; status?: number }[]): Buffer {
  const start = 2048 * 512;
  const image = Buffer.alloc(start + volume.length);
  entries.forEach((e, i) => {
    const at = 446 + i * 16;
    image[at] = e.status ?? 0x00;
    image[at + 4] = e.type;
    image.writeUInt32LE(e.start, at + 8);
    image.writeUInt32LE(e.count, at + 12);
  });
  image.writeUInt16LE(0xaa55, 510);
  volume.copy(image, start);
  return image;
}

describe('openVolumes', () => {
  it('a FAT at byte 0 is a superfloppy: one volume, the whole source', async () => {
    const source = bufferSource(fixtureImage('fat12'));
    const layout = await openVolumes(source);
    expect(layout).toMatchObject({ scheme: 'none', notes: [], otherEntries: [] });
    expect(layout.volumes).toHaveLength(1);
    expect(layout.volumes[0]?.source).toBe(source);
    expect(layout.volumes[0]?.partition).toBeUndefined();
  });

  it('an MBR partition is a slice that a filesystem opens, and its runs read right through the slice', async () => {
    const fat12 = fixtureImage('fat12');
    const sectors = fat12.length / 512;
    const source = await openFileSource(temp.write('mbr.img', disk(fat12, [{ type: 0x01, start: 2048, count: sectors, status: 0x80 }])));
    try {
      const layout = await openVolumes(source);
      expect(layout).toMatchObject({ scheme: 'mbr', sectorSize: 512, diskId: '0x00000000', notes: [] });
      const [volume] = layout.volumes;
      expect(volume).toMatchObject({ index: 0, offset: 2048 * 512, length: fat12.length });
      expect(volume?.partition).toEqual({
        scheme: 'mbr',
        number: 1,
        type: '0x01',
        typeName: 'FAT12',
        startSector: 2048,
        sectorCount: sectors,
        bootable: true,
        logical: false,
      });
      const slice = volume?.source ?? source;
      expect(slice.label).toMatch(/#p1$/);
      const fs = await (await detectFilesystem(slice))?.open(slice);
      expect(fs?.id).toBe('fat12');
      const entries = (await fs?.entries()) ?? [];
      for (const expected of loadManifest('fat12').entries.filter((e) => !e.deleted && !e.isDirectory)) {
        const entry = entries.find((e) => e.path === expected.path && !e.deleted);
        expect(sha256(await readByteRuns(slice, entry?.byteRuns ?? [])), expected.path).toBe(expected.sha256);
      }
    } finally {
      await source.close();
    }
  });

  it('notes what it cannot use: an extended partition without an EBR, partitions past the end, overlaps', async () => {
    const layout = await openVolumes(
      bufferSource(
        disk(Buffer.alloc(64 * 512), [
          { type: 0x0c, start: 2048, count: 128 },
          { type: 0x05, start: 2060, count: 10 },
          { type: 0x0b, start: 2100, count: 10 },
          { type: 0x06, start: 999_999, count: 10 },
        ]),
      ),
    );
    expect(layout.scheme).toBe('mbr');
    expect(layout.volumes.map((v) => v.partition?.number)).toEqual([1, 3]);
    expect(layout.volumes[0]?.length).toBe(64 * 512);
    expect(layout.otherEntries.map((p) => p.number)).toEqual([2]);
    const notes = layout.notes.join('\n');
    expect(notes).toMatch(/EBR at sector 2060 has no 0x55AA signature/);
    expect(notes).toMatch(/partition 1 runs past the end/);
    expect(notes).toMatch(/partition 3 overlaps partition 1/);
    expect(notes).toMatch(/partition 4 starts at byte/);
  });

  it('a GPT protective MBR with no GPT header anywhere is a CorruptError naming both places', async () => {
    const source = bufferSource(disk(Buffer.alloc(512), [{ type: 0xee, start: 1, count: 4000 }]));
    await expect(openVolumes(source)).rejects.toBeInstanceOf(CorruptError);
    await expect(openVolumes(source)).rejects.toThrow(/primary GPT header at LBA 1 is missing.*backup header at LBA 2048/);
  });

  it('no table at all, or a tiny source: the whole source, with a note', async () => {
    for (const bytes of [Buffer.alloc(4096, 0x41), Buffer.alloc(100)]) {
      const layout = await openVolumes(bufferSource(bytes));
      expect(layout.scheme).toBe('none');
      expect(layout.volumes[0]?.length).toBe(bytes.length);
      expect(layout.notes).toHaveLength(1);
    }
  });

  it('an exFAT boot sector ends in 0x55AA but is not taken for an MBR, registered or not', async () => {
    const sector = disk(Buffer.alloc(0), [{ type: 0x07, start: 2048, count: 100 }]);
    sector.write('EXFAT   ', 3, 'latin1');
    const exfatLike: FilesystemDescriptor = {
      id: 'exfat-test',
      name: 'exFAT (test)',
      probe: async (s) => (await s.read(3, 8)).toString('latin1') === 'EXFAT   ',
      open: () => Promise.reject(new Error('not in this test')),
    };
    const registered = await openVolumes(bufferSource(sector), { filesystems: [exfatLike] });
    expect(registered).toMatchObject({ scheme: 'none', notes: [] });
    const unregistered = await openVolumes(bufferSource(sector), { filesystems: [] });
    expect(unregistered.scheme).toBe('none');
    expect(unregistered.notes).toEqual(['an exFAT boot sector at byte 0, which no registered filesystem opens']);
  });

  it('a filesystem at byte 0 wins over a GPT header left behind, with a note', async () => {
    const image = volumeFixtureImage('gpt-backup');
    const fat12 = fixtureImage('fat12');
    fat12.copy(image, 0, 0, 512); // a FAT boot sector over the protective MBR; LBA 1 stays
    image.write('EFI PART', 512, 'latin1');
    const layout = await openVolumes(bufferSource(image));
    expect(layout.scheme).toBe('none');
    expect(layout.notes).toEqual(['a GPT header at LBA 1 is left from an earlier partitioning; the filesystem at byte 0 is used']);
  });

  it('honours an AbortSignal', async () => {
    const signal = AbortSignal.abort();
    await expect(openVolumes(bufferSource(volumeFixtureImage('mbr-extended')), { signal })).rejects.toThrow(/abort/i);
  });

  it('parseMbr refuses a bad status byte or an entry at sector 0', () => {
    const sector = disk(Buffer.alloc(0), [{ type: 0x0c, start: 2048, count: 10 }]).subarray(0, 512);
    expect(parseMbr(sector)).toHaveLength(1);
    const badStatus = Buffer.from(sector);
    badStatus[446] = 0x12;
    expect(parseMbr(badStatus)).toBeNull();
    const atZero = Buffer.from(sector);
    atZero.writeUInt32LE(0, 446 + 8);
    expect(parseMbr(atZero)).toBeNull();
  });

  it('crc32 is the IEEE CRC-32 GPT uses', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
    const random = Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7919) & 0xff));
    expect(crc32(random)).toBe(zlibCrc32(random));
  });
});

describe('no import cycle', () => {
  it('nothing filesystems.ts imports reaches volumes/ (open-volumes.ts imports the filesystem list)', () => {
    const lib = resolve(import.meta.dirname, '..');
    const seen = new Set<string>();
    const walk = (file: string): void => {
      if (seen.has(file)) return;
      seen.add(file);
      const text = readFileSync(file, 'utf8');
      for (const [, spec] of text.matchAll(/from '(\.{1,2}\/[^']+)\.js'/g)) walk(join(dirname(file), `${spec}.ts`));
    };
    walk(join(lib, 'filesystems.ts'));
    expect([...seen].filter((f) => f.includes('/volumes/'))).toEqual([]);
    expect(seen.size).toBeGreaterThan(3);
  });
});
