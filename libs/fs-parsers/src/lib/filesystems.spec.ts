import { describe, expect, it } from 'vitest';
import { exfatImage } from '../testing/exfat-fixtures.js';
import { FAT_FIXTURES, fixtureImage, loadManifest } from '../testing/fat-fixtures.js';
import { HFS_FIXTURES, hfsFixtureImage } from '../testing/hfsplus-fixtures.js';
import { AmbiguousFilesystemError } from './errors.js';
import type { FilesystemDescriptor } from './filesystem.js';
import { detectFilesystem, filesystems } from './filesystems.js';
import { bufferSource } from './source/buffer-source.js';

const fake = (id: string, matches: boolean): FilesystemDescriptor => ({
  id,
  name: id,
  probe: async () => matches,
  open: async () => {
    throw new Error('not used');
  },
});

describe('filesystems and detectFilesystem', () => {
  it('the list has unique ids, and every descriptor has a fixture that it alone detects', async () => {
    const ids = filesystems.map((d) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
    const fixtureTypes = [...FAT_FIXTURES.map((name) => loadManifest(name).fatType), 'hfsplus', 'exfat'];
    expect([...fixtureTypes].sort()).toEqual([...ids].sort());
    for (const name of FAT_FIXTURES) {
      const detected = await detectFilesystem(bufferSource(fixtureImage(name), name));
      expect(detected?.id).toBe(loadManifest(name).fatType);
    }
    for (const name of HFS_FIXTURES) expect((await detectFilesystem(bufferSource(hfsFixtureImage(name), name)))?.id).toBe('hfsplus');
    expect((await detectFilesystem(bufferSource(exfatImage(), 'exfat')))?.id).toBe('exfat');
  });

  it('two matching probes are an AmbiguousFilesystemError naming both', async () => {
    const source = bufferSource(Buffer.alloc(1024), 'card.img');
    const candidates = [fake('alpha', true), fake('beta', false), fake('gamma', true)];
    await expect(detectFilesystem(source, candidates)).rejects.toBeInstanceOf(AmbiguousFilesystemError);
    await expect(detectFilesystem(source, candidates)).rejects.toThrow(/alpha and gamma/);
  });

  it('no match is null, for noise, zeros, and sources too small to hold a boot sector', async () => {
    let seed = 1;
    const noise = Buffer.from(Array.from({ length: 65536 }, () => (seed = (seed * 69069 + 1) >>> 0) >>> 24));
    for (const bytes of [noise, Buffer.alloc(65536), Buffer.alloc(0), fixtureImage('fat12').subarray(0, 300)]) {
      expect(await detectFilesystem(bufferSource(bytes))).toBeNull();
    }
  });
});
