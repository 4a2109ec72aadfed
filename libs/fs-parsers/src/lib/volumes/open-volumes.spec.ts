import { afterAll, describe, expect, it } from 'vitest';
import { fixtureImage, loadManifest, scratch, sha256 } from '../../testing/fat-fixtures.js';
import { UnsupportedError } from '../errors.js';
import { detectFilesystem } from '../filesystems.js';
import { bufferSource } from '../source/buffer-source.js';
import { openFileSource } from '../source/file-source.js';
import { readByteRuns } from '../source/read-runs.js';
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
    expect(layout.scheme).toBe('none');
    expect(layout.volumes).toHaveLength(1);
    expect(layout.volumes[0]?.source).toBe(source);
  });

  it('an MBR partition is a slice that a filesystem opens, and its runs read right through the slice', async () => {
    const fat12 = fixtureImage('fat12');
    const sectors = fat12.length / 512;
    const source = await openFileSource(temp.write('mbr.img', disk(fat12, [{ type: 0x01, start: 2048, count: sectors, status: 0x80 }])));
    try {
      const layout = await openVolumes(source);
      expect(layout.scheme).toBe('mbr');
      expect(layout.notes).toEqual([]);
      const [volume] = layout.volumes;
      expect(volume).toMatchObject({ index: 0, offset: 2048 * 512, length: fat12.length });
      expect(volume?.partition).toEqual({ index: 0, bootable: true, type: 0x01, startLba: 2048, sectorCount: sectors });
      const slice = volume?.source ?? source;
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

  it('notes what it cannot use: extended entries, partitions past the end, overlaps', async () => {
    const volume = Buffer.alloc(64 * 512);
    const layout = await openVolumes(
      bufferSource(
        disk(volume, [
          { type: 0x0c, start: 2048, count: 128 },
          { type: 0x05, start: 4000, count: 10 },
          { type: 0x0b, start: 2100, count: 10 },
          { type: 0x06, start: 999_999, count: 10 },
        ]),
      ),
    );
    expect(layout.scheme).toBe('mbr');
    expect(layout.volumes.map((v) => v.partition?.index)).toEqual([0, 2]);
    expect(layout.volumes[0]?.length).toBe(64 * 512);
    const notes = layout.notes.join('\n');
    expect(notes).toMatch(/partition 1 runs past the end/);
    expect(notes).toMatch(/partition 2 is an extended partition/);
    expect(notes).toMatch(/partition 3 overlaps partition 1/);
    expect(notes).toMatch(/partition 4 starts at byte/);
  });

  it('a GPT protective MBR is reported as unsupported, not guessed at', async () => {
    const source = bufferSource(disk(Buffer.alloc(512), [{ type: 0xee, start: 1, count: 4000 }]));
    await expect(openVolumes(source)).rejects.toBeInstanceOf(UnsupportedError);
  });

  it('no table at all, or a tiny source: the whole source, with a note', async () => {
    for (const bytes of [Buffer.alloc(4096, 0x41), Buffer.alloc(100)]) {
      const layout = await openVolumes(bufferSource(bytes));
      expect(layout.scheme).toBe('none');
      expect(layout.volumes[0]?.length).toBe(bytes.length);
      expect(layout.notes).toHaveLength(1);
    }
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
});
