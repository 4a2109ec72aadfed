import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExfatManifestEntry, exfatImage, loadExfatManifest } from '../../testing/exfat-fixtures.js';
import { contentSha256, entryAt, expectLiveFilesBitExact, expectRangesTile } from '../../testing/fixture-checks.js';
import { scratch } from '../../testing/fixture-files.js';
import type { FsEntry } from '../filesystem.js';
import { detectFilesystem } from '../filesystems.js';
import type { ByteSource } from '../source/byte-source.js';
import { openFileSource } from '../source/file-source.js';
import type { ExfatFileSystem } from './exfat-filesystem.js';

describe('exFAT fixture, as a user checks it', () => {
  const temp = scratch();
  const manifest = loadExfatManifest();
  let source: ByteSource;
  let fs: ExfatFileSystem;
  let entries: FsEntry[];
  const find = (path: string, deleted: boolean): FsEntry => entryAt(entries, path, deleted);
  const contentSha = (entry: FsEntry): Promise<string> => contentSha256(source, entry);
  const tagged = (tag: string): ExfatManifestEntry[] => manifest.entries.filter((e) => e.tags?.includes(tag));

  beforeAll(async () => {
    source = await openFileSource(temp.write('exfat.img', exfatImage()));
    const descriptor = await detectFilesystem(source);
    expect(descriptor?.id).toBe('exfat');
    fs = (await descriptor?.open(source)) as ExfatFileSystem;
    entries = await fs.entries();
  });
  afterAll(async () => {
    await source.close();
    temp.cleanup();
  });

  it('opens as exFAT with its Unicode label, its cluster size and no volume-level damage', () => {
    expect(fs.id).toBe('exfat');
    expect(fs.label).toBe(manifest.volumeLabel);
    expect(fs.clusterSize).toBe(manifest.clusterSize);
    expect(fs.notes).toEqual([]);
  });

  it('lists exactly the manifest, live and deleted: paths, kinds, sizes', () => {
    const shape = (e: { path: string; isDirectory: boolean; size: number; deleted: boolean }) =>
      `${e.deleted ? '*' : ' '} ${e.path}|${e.isDirectory}|${e.size}`;
    expect(entries.map(shape).sort()).toEqual(manifest.entries.map(shape).sort());
  });

  it('times are the UTC times set on the card, written there in +05:30 local time with its UTC offset', () => {
    expect(manifest.cardTimeZone).toBe('Asia/Kolkata');
    for (const expected of manifest.entries.filter((e) => e.modifiedAt)) {
      const entry = find(expected.path, expected.deleted);
      expect(entry.modifiedAt, expected.path).toBe(expected.modifiedAt);
      expect(entry.accessedAt, expected.path).toBe(expected.accessedAt);
      expect(entry.createdAt, expected.path).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    }
    // Odd seconds need the 10 ms field; access times have none and keep 2-second steps.
    expect(manifest.entries.some((e) => e.modifiedAt && e.modifiedAt !== e.accessedAt)).toBe(true);
  });

  it('every live file reads back bit-exact through its byte runs, with no notes', async () => {
    await expectLiveFilesBitExact(source, entries, manifest.entries, { sizes: true });
    expect(tagged('empty').map((e) => find(e.path, false).byteRuns)).toEqual([[]]);
  });

  it('the fragmented live file follows its FAT chain over several runs and is whole', async () => {
    const [expected] = tagged('fragmented').filter((e) => !e.deleted);
    const entry = find(expected?.path ?? '', false);
    expect(entry.byteRuns.length).toBeGreaterThan(1);
    expect(await contentSha(entry)).toBe(expected?.sha256);
  });

  it('a folder that grew into a second, distant cluster is read whole', () => {
    const [burst] = tagged('two-directory-clusters');
    const entry = find(burst?.path ?? '', false);
    expect(entry.byteRuns.length).toBe(2);
    expect(entries.filter((e) => e.path.startsWith(`${burst?.path}/`))).toHaveLength(40);
  });

  it('deleted files whose bytes are intact come back bit-exact, named, in deleted folders too', async () => {
    const intact = manifest.entries.filter((e) => e.deleted && e.recoverable && !e.isDirectory);
    expect(intact.some((e) => e.path.startsWith('/Trip/Day2/'))).toBe(true);
    for (const expected of intact) {
      const entry = find(expected.path, true);
      expect(entry.confidence, expected.path).toBe('contiguous-free');
      expect(await contentSha(entry), expected.path).toBe(expected.sha256);
    }
  });

  it('the deleted fragmented file comes back whole by skipping the live file between its pieces, and says how', async () => {
    const [expected] = tagged('fragmented').filter((e) => e.deleted);
    const entry = find(expected?.path ?? '', true);
    expect(entry.byteRuns.length).toBe(2);
    expect(entry.notes.join(' ')).toMatch(/FAT chain did not survive deletion.*skipped 1 cluster in use/);
    expect(await contentSha(entry)).toBe(expected?.sha256);
  });

  it('deleted files whose clusters were reused say so and are not trusted', () => {
    const overwritten = tagged('overwritten');
    expect(overwritten.length).toBe(2);
    for (const expected of overwritten) {
      const entry = find(expected.path, true);
      expect(entry.confidence, expected.path).toBe('unknown');
      expect(entry.notes.join(' '), expected.path).toMatch(/in use again|probably overwritten/);
    }
  });

  it('free ranges overlap no live file, tile the heap with the allocated ones, and hold the intact deleted files', async () => {
    const g = fs.geometry;
    await expectRangesTile(fs, entries, g.dataOffset + g.clusterCount * g.clusterSize);
  });
});
