import { describe, expect, it } from 'vitest';
import { entrySetChecksum } from './checksums.js';
import { checkFileSet, directoryClusterSigns } from './orphan-signs.js';

const bounds = { maxCluster: 1001, clusterCount: 1000, clusterSize: 4096 };

/** A File set as a driver writes it: File, stream extension, name entries; checksum set. */
function fileSet(name: string, options: { first?: number; length?: number; directory?: boolean; deleted?: boolean } = {}): Buffer {
  const { first = 10, length = 5000, directory = false, deleted = false } = options;
  const names = Math.ceil(name.length / 15);
  const set = Buffer.alloc((2 + names) * 32);
  set[0] = 0x85;
  set[1] = 1 + names;
  set.writeUInt16LE(directory ? 0x10 : 0x20, 4);
  set[32] = 0xc0;
  set[33] = 0x03;
  set[35] = name.length;
  set.writeBigUInt64LE(BigInt(length), 40);
  set.writeUInt32LE(first, 52);
  set.writeBigUInt64LE(BigInt(length), 56);
  for (let i = 0; i < names; i++) {
    set[64 + i * 32] = 0xc1;
    set.write(name.slice(i * 15, i * 15 + 15), 64 + i * 32 + 2, 'utf16le');
  }
  set.writeUInt16LE(entrySetChecksum(set), 2);
  if (deleted) for (let at = 0; at < set.length; at += 32) set[at] = (set[at] as number) & 0x7f;
  return set;
}
const cluster = (...parts: Buffer[]) => {
  const bytes = Buffer.alloc(4096);
  Buffer.concat(parts).copy(bytes);
  return bytes;
};

describe('telling a directory cluster from file data by its entry sets', () => {
  it('valid sets, live and deleted, make a directory cluster', () => {
    expect(directoryClusterSigns(cluster(fileSet('IMG_0001.JPG'), fileSet('IMG_0002.JPG', { deleted: true })), 0, 4096, bounds)).toMatchObject({ sets: 2, leading: 0, ended: true });
    const long = fileSet('a long name that needs three name entries.jpg');
    expect(checkFileSet(long, 0, long.length, bounds)).toEqual({ used: 5, verdict: 'valid' });
  });

  it('a checksum one bit off, impossible clusters or lengths make a set bad, and a cluster of bad sets no directory', () => {
    const bad = fileSet('IMG_0001.JPG');
    bad[2] = (bad[2] as number) ^ 1;
    expect(directoryClusterSigns(cluster(bad, bad, bad), 0, 4096, bounds)).toBeUndefined();
    for (const options of [{ first: 1 }, { first: 5000 }, { length: 1e12 }, { first: 0 }, { directory: true, length: 5000 }]) {
      expect(checkFileSet(fileSet('IMG_0001.JPG', options), 0, 96, bounds).verdict, JSON.stringify(options)).toBe('bad');
    }
  });

  it('a set cut by the end of the cluster, and a cluster that starts with the rest of one', () => {
    const set = fileSet('IMG_0043.JPG');
    expect(checkFileSet(set, 0, 64, bounds).verdict).toBe('cut');
    const whole = fileSet('IMG_0044.JPG');
    const signs = directoryClusterSigns(cluster(set.subarray(64), whole), 0, 4096, bounds);
    expect(signs).toMatchObject({ leading: 1, sets: 1 });
  });

  it('file data is not a directory cluster: zeros, text, random bytes, a File entry with nothing after it', () => {
    const random = Buffer.alloc(4096);
    for (let i = 0; i < random.length; i++) random[i] = (i * 2654435761) >>> 24;
    for (const bytes of [Buffer.alloc(4096), Buffer.from('A'.repeat(4096)), random, cluster(Buffer.from([0x85, 2]))]) {
      expect(directoryClusterSigns(bytes, 0, 4096, bounds)).toBeUndefined();
    }
  });

  it('an in-use entry of another kind stops the walk; what came before still counts', () => {
    const signs = directoryClusterSigns(cluster(fileSet('IMG_0001.JPG'), Buffer.from([0xa0])), 0, 4096, bounds);
    expect(signs).toMatchObject({ sets: 1, foreign: true, ended: false, stop: 96 });
  });
});
