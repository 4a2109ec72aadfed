import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentSha256, expectLiveFilesBitExact, expectRangesTile } from '../../testing/fixture-checks.js';
import { scratch } from '../../testing/fixture-files.js';
import { HFS_FIXTURES, type HfsManifest, hfsFixtureImage, loadHfsManifest } from '../../testing/hfsplus-fixtures.js';
import { totalLength } from '../../testing/ranges.js';
import type { FsEntry } from '../filesystem.js';
import { detectFilesystem } from '../filesystems.js';
import type { ByteSource } from '../source/byte-source.js';
import { openFileSource } from '../source/file-source.js';
import type { HfsPlusFileSystem } from './hfsplus-filesystem.js';

describe.each(HFS_FIXTURES)('%s fixture, as a user checks it', (name) => {
  const temp = scratch();
  const manifest: HfsManifest = loadHfsManifest(name);
  let source: ByteSource;
  let fs: HfsPlusFileSystem;
  let entries: FsEntry[];
  const find = (path: string, deleted: boolean): FsEntry | undefined => entries.find((e) => e.path === path && e.deleted === deleted);
  const contentSha = (entry: FsEntry): Promise<string> => contentSha256(source, entry);

  beforeAll(async () => {
    source = await openFileSource(temp.write(`${name}.img`, hfsFixtureImage(name)));
    const descriptor = await detectFilesystem(source);
    expect(descriptor?.id).toBe('hfsplus');
    fs = (await descriptor?.open(source)) as HfsPlusFileSystem;
    entries = await fs.entries();
  });
  afterAll(async () => {
    await source.close();
    temp.cleanup();
  });

  it('opens with its signature, block size, name and no damage', () => {
    expect(fs.header.signature).toBe(manifest.signature);
    expect(fs.clusterSize).toBe(manifest.blockSize);
    expect(fs.label).toBe(manifest.volumeName);
    expect(fs.volumeOffset > 0).toBe(manifest.wrapped);
    expect(fs.notes.filter((n) => !/create date is local time|embedded in an HFS wrapper/.test(n))).toEqual([]);
    expect(fs.header.softwareLocked).toBe(true); // xorriso marks its volumes read-only
  });

  it('the live tree matches the manifest: paths (NFC), kinds, sizes, modification times', () => {
    const shape = (e: { path: string; isDirectory: boolean; size: number }) => `${e.path}|${e.isDirectory}|${e.size}`;
    expect(entries.filter((e) => !e.deleted).map(shape).sort()).toEqual(manifest.entries.filter((e) => !e.deleted).map(shape).sort());
    for (const expected of manifest.entries.filter((e) => !e.deleted && e.modifiedAt)) {
      expect(find(expected.path, false)?.modifiedAt, expected.path).toBe(expected.modifiedAt);
    }
    const nfd = find('/DCIM/100APPLE/Café crème.jpg', false);
    expect(nfd?.name).toBe('Café crème.jpg'.normalize('NFC'));
  });

  it('every live file reads back bit-exact through its extents', async () => {
    await expectLiveFilesBitExact(source, entries, manifest.entries);
  });

  it('the fragmented movie needs the extents overflow file and is bit-exact', async () => {
    const expected = manifest.entries.find((e) => e.tags?.includes('fragmented'));
    const entry = find(expected?.path ?? '', false) as FsEntry;
    expect(entry.byteRuns.length).toBeGreaterThan(8);
    expect(totalLength(entry.byteRuns)).toBe(entry.size);
    expect(await contentSha(entry)).toBe(expected?.sha256);
  });

  it('files whose records were left in node slack come back with name, path, time and bytes', async () => {
    const recoverable = manifest.entries.filter((e) => e.deleted && e.recoverable);
    expect(recoverable.map((e) => e.path)).toContain('/DCIM/100APPLE/IMG_0001.JPG');
    for (const expected of recoverable) {
      const entry = find(expected.path, true);
      expect(entry, expected.path).toBeDefined();
      expect(entry?.confidence).toBe('contiguous-free');
      expect(entry?.modifiedAt).toBe(expected.modifiedAt);
      expect(entry?.notes.join(' ')).toMatch(/node slack/);
      expect(await contentSha(entry as FsEntry), expected.path).toBe(expected.sha256);
    }
  });

  it('files deleted the macOS way (records zeroed) or overwritten by moved records are not listed', () => {
    const gone = manifest.entries.filter((e) => e.deleted && !e.recoverable);
    expect(gone.length).toBeGreaterThan(2);
    for (const expected of gone) expect(entries.some((e) => e.path === expected.path), expected.path).toBe(false);
  });

  it('free ranges overlap no live file, tile the volume with the allocated ones, and hold the deleted files', async () => {
    // Every deleted entry listed here, whatever its confidence, lies in free blocks.
    const free = await expectRangesTile(fs, entries, fs.header.totalBlocks * fs.header.blockSize, () => true);
    expect(totalLength(free)).toBe(fs.header.freeBlocks * fs.header.blockSize);
  });
});
