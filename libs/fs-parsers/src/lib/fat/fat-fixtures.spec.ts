import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAT_FIXTURES, type FixtureManifest, fixtureImage, loadManifest, recoveredPath } from '../../testing/fat-fixtures.js';
import { contentSha256, expectLiveFilesBitExact, expectRangesTile } from '../../testing/fixture-checks.js';
import { scratch } from '../../testing/fixture-files.js';
import { totalLength } from '../../testing/ranges.js';
import type { FsEntry } from '../filesystem.js';
import { detectFilesystem } from '../filesystems.js';
import type { ByteSource } from '../source/byte-source.js';
import { openFileSource } from '../source/file-source.js';
import type { FatFileSystem } from './fat-filesystem.js';

describe.each(FAT_FIXTURES)('%s fixture, as a user checks it', (name) => {
  const temp = scratch();
  const manifest: FixtureManifest = loadManifest(name);
  let source: ByteSource;
  let fs: FatFileSystem;
  let entries: FsEntry[];
  const find = (path: string, deleted: boolean): FsEntry | undefined =>
    entries.find((e) => e.path === path && e.deleted === deleted);
  const contentSha = (entry: FsEntry): Promise<string> => contentSha256(source, entry);

  beforeAll(async () => {
    source = await openFileSource(temp.write(`${name}.img`, fixtureImage(name)));
    const descriptor = await detectFilesystem(source);
    expect(descriptor?.id).toBe(manifest.fatType);
    fs = (await descriptor?.open(source)) as FatFileSystem;
    entries = await fs.entries();
  });
  afterAll(async () => {
    await source.close();
    temp.cleanup();
  });

  it('opens as the right FAT type with its label and no volume-level damage', () => {
    expect(fs.id).toBe(manifest.fatType);
    expect(fs.label).toBe(manifest.volumeLabel);
    expect(fs.notes).toEqual([]);
  });

  it('the live tree matches the manifest: paths, kinds, sizes, modification times', () => {
    const shape = (e: { path: string; isDirectory: boolean; size: number }) => `${e.path}|${e.isDirectory}|${e.size}`;
    const live = entries.filter((e) => !e.deleted);
    expect(live.map(shape).sort()).toEqual(manifest.entries.filter((e) => !e.deleted).map(shape).sort());
    for (const expected of manifest.entries.filter((e) => !e.deleted && e.modifiedAt)) {
      expect(find(expected.path, false)?.modifiedAt, expected.path).toBe(expected.modifiedAt);
    }
  });

  it('every live file reads back bit-exact through its cluster chain', async () => {
    await expectLiveFilesBitExact(source, entries, manifest.entries);
  });

  it('the fragmented live file spans several runs and is bit-exact', async () => {
    const expected = manifest.entries.filter((e) => e.tags?.includes('fragmented'));
    expect(expected).toHaveLength(1);
    const entry = find(expected[0]?.path ?? '', false) as FsEntry;
    expect(entry.byteRuns.length).toBeGreaterThan(1);
    expect(totalLength(entry.byteRuns)).toBe(entry.size);
    expect(await contentSha(entry)).toBe(expected[0]?.sha256);
  });

  it('deleted files come back under their full long names with their original bytes', async () => {
    const recoverable = manifest.entries.filter((e) => e.deleted && e.recoverable);
    expect(recoverable.some((e) => e.path.includes('Birthday party – cake'))).toBe(true);
    for (const expected of recoverable) {
      const path = recoveredPath(expected, manifest);
      const entry = find(path, true);
      expect(entry, path).toBeDefined();
      expect(entry?.isDirectory).toBe(expected.isDirectory);
      expect(entry?.confidence, path).toBe('contiguous-free');
      if (!expected.isDirectory) expect(await contentSha(entry as FsEntry), path).toBe(expected.sha256);
    }
  });

  it('a deleted file whose first cluster was reused is listed, without runs, with a note', () => {
    const overwritten = manifest.entries.filter((e) => e.tags?.includes('overwritten'));
    expect(overwritten.length).toBeGreaterThan(0);
    for (const expected of overwritten) {
      const entry = find(recoveredPath(expected, manifest), true) as FsEntry;
      expect(entry.byteRuns).toEqual([]);
      expect(entry.confidence).toBe('unknown');
      expect(entry.notes.join(' ')).toMatch(/in use again/);
    }
  });

  it('lists nothing the manifest does not know', () => {
    const expected = manifest.entries.map((e) => `${recoveredPath(e, manifest)}|${e.deleted}`).sort();
    expect(entries.map((e) => `${e.path}|${e.deleted}`).sort()).toEqual(expected);
  });

  it('free ranges overlap no live file, tile the volume with the allocated ones, and hold the deleted files', async () => {
    const g = fs.geometry;
    await expectRangesTile(fs, entries, g.dataOffset + g.clusterCount * g.clusterSize);
  });
});
