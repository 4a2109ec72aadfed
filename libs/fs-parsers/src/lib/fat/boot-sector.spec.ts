import { describe, expect, it } from 'vitest';
import { FAT_FIXTURES, fixtureImage, loadManifest } from '../../testing/fat-fixtures.js';
import { CorruptError, TruncatedError, UnsupportedError } from '../errors.js';
import { parseFatBootSector } from './boot-sector.js';

const boot = (name: (typeof FAT_FIXTURES)[number]): Buffer => Buffer.from(fixtureImage(name).subarray(0, 512));

describe('parseFatBootSector', () => {
  it.each(FAT_FIXTURES)('%s: type, label and a layout that adds up', (name) => {
    const g = parseFatBootSector(boot(name));
    expect(g.fatType).toBe(loadManifest(name).fatType);
    expect(g.volumeLabel).toBe(loadManifest(name).volumeLabel);
    expect(g.volumeId).toBe(0x0a1b2c3d);
    expect(g.clusterSize).toBe(g.bytesPerSector * g.sectorsPerCluster);
    expect(g.dataOffset).toBe(g.rootDirOffset + g.rootDirBytes);
    expect(g.dataOffset + g.clusterCount * g.clusterSize).toBeLessThanOrEqual(g.volumeBytes);
    expect(g.maxCluster).toBe(g.clusterCount + 1);
    expect(g.rootCluster > 0).toBe(g.fatType === 'fat32');
  });

  const patched = (at: number, write: (b: Buffer) => void): Buffer => {
    const b = boot('fat16');
    write(b.subarray(at));
    return b;
  };

  it.each([
    ['zero bytes per sector', patched(11, (b) => b.writeUInt16LE(0)), /bytes per sector is 0/],
    ['3 sectors per cluster', patched(13, (b) => (b[0] = 3)), /sectors per cluster/],
    ['no reserved sectors', patched(14, (b) => b.writeUInt16LE(0)), /reserved/],
    ['no FATs', patched(16, (b) => (b[0] = 0)), /number of FATs/],
    ['a foreign media byte', patched(21, (b) => (b[0] = 0x12)), /media/],
    ['zero sectors per FAT', patched(22, (b) => {
        b.writeUInt16LE(0, 0); // FATSz16
        b.writeUInt32LE(0, 14); // byte 36, where FAT32 keeps FATSz32
      }), /sectors per FAT is 0/],
    ['a FAT too small for the clusters', patched(22, (b) => b.writeUInt16LE(1)), /FAT holds/],
    ['a volume of metadata only', patched(19, (b) => b.writeUInt16LE(40)), /fill the whole volume/],
    ['no jump and no signature', patched(0, (b) => b.fill(0, 0, 3).fill(0, 510, 512)), /no boot sector/],
  ])('%s is a CorruptError', (_, sector, message) => {
    expect(() => parseFatBootSector(sector)).toThrow(CorruptError);
    expect(() => parseFatBootSector(sector)).toThrow(message);
  });

  it('FAT32: a root cluster outside the volume is corrupt, an unknown version unsupported', () => {
    const root = boot('fat32');
    root.writeUInt32LE(0x0fffffff, 44);
    expect(() => parseFatBootSector(root)).toThrow(/root directory cluster/);
    const version = boot('fat32');
    version.writeUInt16LE(0x0100, 42);
    expect(() => parseFatBootSector(version)).toThrow(UnsupportedError);
  });

  it('fewer than 512 bytes is a TruncatedError', () => {
    expect(() => parseFatBootSector(boot('fat12').subarray(0, 100))).toThrow(TruncatedError);
  });
});
