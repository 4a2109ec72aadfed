import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { scratch, sha256 } from '../../testing/fixture-files.js';
import {
  layoutAsManifest,
  loadVolumeManifest,
  manifestTable,
  VOLUME_FIXTURES,
  volumeFixtureImage,
  type VolumeFixtureName,
} from '../../testing/volume-fixtures.js';
import { detectFilesystem, filesystems } from '../filesystems.js';
import { bufferSource } from '../source/buffer-source.js';
import { openFileSource } from '../source/file-source.js';
import { readByteRuns } from '../source/read-runs.js';
import { openVolumes } from './open-volumes.js';

const temp = scratch();
afterAll(() => temp.cleanup());

/** Opens the fixture as a user's image file and hands its layout to `use`. */
async function withLayout<T>(name: VolumeFixtureName, use: (layout: Awaited<ReturnType<typeof openVolumes>>) => Promise<T>) {
  const source = await openFileSource(temp.write(`${name}.img`, volumeFixtureImage(name)));
  try {
    return await use(await openVolumes(source));
  } finally {
    await source.close();
  }
}

describe.each(VOLUME_FIXTURES)('volume fixture %s', (name) => {
  const manifest = loadVolumeManifest(name);

  it('has the layout the partitioning tool wrote (sfdisk / sgdisk / xorriso)', async () => {
    await withLayout(name, async (layout) => {
      expect(layoutAsManifest(layout)).toEqual(manifestTable(manifest));
      for (const volume of layout.volumes) {
        const p = volume.partition;
        expect(volume.offset).toBe((p?.startSector ?? 0) * manifest.sectorSize);
        expect(volume.length).toBe((p?.sectorCount ?? 0) * manifest.sectorSize);
        expect(volume.source.size).toBe(volume.length);
        expect(p?.typeName).not.toBe('unknown');
      }
      if (!manifest.damage) expect(layout.notes).toEqual([]);
    });
  });

  it('the filesystems inside open and hold their file, read through the volume', async () => {
    await withLayout(name, async (layout) => {
      for (const expected of manifest.partitions.filter((p) => p.filesystem)) {
        if (!filesystems.some((d) => d.id === expected.filesystem)) continue; // HFS+ joins the list later
        const volume = layout.volumes.find((v) => v.partition?.number === expected.number);
        const descriptor = volume ? await detectFilesystem(volume.source) : null;
        expect(descriptor?.id, `partition ${expected.number}`).toBe(expected.filesystem);
        if (!volume || !descriptor || !expected.files) continue;
        const fs = await descriptor.open(volume.source);
        expect(fs.label).toBe(expected.label);
        const entries = await fs.entries();
        for (const file of expected.files) {
          const entry = entries.find((e) => e.path === file.path && !e.deleted);
          expect(entry?.size, file.path).toBe(file.size);
          expect(sha256(await readByteRuns(volume.source, entry?.byteRuns ?? [])), file.path).toBe(file.sha256);
        }
      }
    });
  });
});

describe('what a user sees of each partition', () => {
  it('MBR: type bytes with names, the extended partition kept apart, logicals numbered 5 and 6', async () => {
    await withLayout('mbr-extended', async (layout) => {
      expect(layout.volumes.map((v) => [v.partition?.number, v.partition?.typeName])).toEqual([
        [1, 'FAT12'],
        [2, 'FAT16'],
        [5, 'FAT12'],
        [6, 'W95 FAT16 (LBA)'],
      ]);
      expect(layout.otherEntries.map((p) => [p.number, p.type, p.typeName])).toEqual([[3, '0x05', 'Extended']]);
    });
  });

  it('GPT: type GUIDs with names, UTF-16 partition names, 4096-byte sectors', async () => {
    await withLayout('gpt', async (layout) => {
      expect(layout.volumes.map((v) => [v.partition?.typeName, v.partition?.name])).toEqual([
        ['EFI System', 'EFI system'],
        ['Microsoft basic data', 'Caméra photos'],
        ['Linux filesystem', 'linux data'],
      ]);
    });
    await withLayout('gpt-4k', async (layout) => {
      expect(layout.sectorSize).toBe(4096);
      expect(layout.volumes.map((v) => v.partition?.typeName)).toEqual(['Microsoft basic data', 'Apple HFS/HFS+']);
    });
  });

  it('GPT with a wiped primary header: the backup header gives the layout, with a note saying so', async () => {
    await withLayout('gpt-backup', async (layout) => {
      expect(layout.volumes).toHaveLength(2);
      expect(layout.notes).toHaveLength(1);
      expect(layout.notes[0]).toMatch(/primary GPT header at LBA 1 is missing.*backup header at LBA 8191 is used instead/);
    });
  });

  it('APM: 2048-byte blocks, the map itself not a volume, HFS+ between the ISO 9660 gaps', async () => {
    await withLayout('apm-hybrid', async (layout) => {
      expect(layout.sectorSize).toBe(2048);
      expect(layout.otherEntries.map((p) => [p.number, p.typeName])).toEqual([[1, 'partition map']]);
      expect(layout.volumes.map((v) => [v.partition?.name, v.partition?.typeName])).toEqual([
        ['Gap0', 'ISO 9660 data'],
        ['HFSPLUS_Hybrid', 'Apple HFS/HFS+'],
        ['Gap1', 'ISO 9660 data'],
      ]);
      const hfs = layout.volumes[1];
      // An HFS+ volume header ("H+", version 4) lies 1024 bytes into the Apple_HFS partition.
      expect((await hfs?.source.read(1024, 4))?.toString('hex')).toBe('482b0004');
    });
  });
});

describe('superfloppies: every filesystem fixture has its filesystem at byte 0 and no table', () => {
  // The other families' images (exFAT, HFS+) are whole filesystems; their boot sectors may end in 0x55AA.
  const root = resolve(import.meta.dirname, '../../../../../fixtures');
  const images = ['fat', 'exfat', 'hfsplus']
    .map((family) => join(root, family))
    .filter((dir) => existsSync(dir))
    .flatMap((dir) => readdirSync(dir).filter((n) => n.endsWith('.img.gz')).map((n) => join(dir, n)));

  it.each(images.map((path) => [relative(root, path), path]))('%s', async (_name, path) => {
    const source = bufferSource(gunzipSync(readFileSync(path)));
    const layout = await openVolumes(source);
    const registered = await detectFilesystem(source);
    expect(layout.scheme).toBe('none');
    expect(layout.volumes).toHaveLength(1);
    expect(layout.notes).toEqual(registered ? [] : [expect.stringMatching(/boot sector at byte 0|no partition table/)]);
  });
});
