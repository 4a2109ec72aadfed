/**
 * What a user checks on every filesystem fixture, shared by the FAT, exFAT and HFS+ fixture specs:
 * the bytes an entry's byte runs cover hash to the manifest, and the free and allocated ranges
 * split the volume without overlapping a live file.
 */
import { expect } from 'vitest';
import type { ByteRun, FileSystem, FsEntry } from '../lib/filesystem.js';
import type { ByteSource } from '../lib/source/byte-source.js';
import { readByteRuns } from '../lib/source/read-runs.js';
import { type ManifestEntry, sha256 } from './fixture-files.js';
import { firstOverlap, isInside, totalLength } from './ranges.js';

/** The entry at `path` (live unless `deleted`); throws when it is not listed. */
export function entryAt(entries: readonly FsEntry[], path: string, deleted = false): FsEntry {
  const found = entries.find((e) => e.path === path && e.deleted === deleted);
  if (!found) throw new Error(`${path} (deleted: ${deleted}) is not listed`);
  return found;
}

/** The sha256 of the bytes `entry`'s byte runs cover in `source`. */
export async function contentSha256(source: ByteSource, entry: FsEntry): Promise<string> {
  return sha256(await readByteRuns(source, entry.byteRuns));
}

/**
 * Every live file of the manifest is listed with a trusted chain ('chain') and no notes, and its
 * bytes read through its byte runs hash to the manifest's sha256 (`sizes`: the runs also add up
 * to the manifest's size).
 */
export async function expectLiveFilesBitExact(
  source: ByteSource,
  entries: readonly FsEntry[],
  manifest: readonly ManifestEntry[],
  { sizes = false } = {},
): Promise<void> {
  for (const expected of manifest.filter((e) => !e.deleted && !e.isDirectory)) {
    const entry = entryAt(entries, expected.path);
    expect(entry.confidence, expected.path).toBe('chain');
    expect(entry.notes, expected.path).toEqual([]);
    if (sizes) expect(totalLength(entry.byteRuns), expected.path).toBe(expected.size);
    expect(await contentSha256(source, entry), expected.path).toBe(expected.sha256);
  }
}

/**
 * Free ranges overlap no live file nor the allocated ranges, the two add up to `volumeBytes`, the
 * deleted entries `held` picks lie in free space and every live run in allocated space. Returns
 * the free ranges.
 */
export async function expectRangesTile(
  fs: FileSystem,
  entries: readonly FsEntry[],
  volumeBytes: number,
  held: (deleted: FsEntry) => boolean = (e) => e.confidence === 'contiguous-free',
): Promise<ByteRun[]> {
  const free = await fs.freeRanges();
  const allocated = await fs.allocatedRanges();
  const liveRuns = entries.filter((e) => !e.deleted).flatMap((e) => e.byteRuns);
  expect(firstOverlap(free, liveRuns)).toBeUndefined();
  expect(firstOverlap(free, allocated)).toBeUndefined();
  expect(totalLength(free) + totalLength(allocated)).toBe(volumeBytes);
  for (const entry of entries.filter((e) => e.deleted && held(e))) {
    for (const run of entry.byteRuns) expect(isInside(run, free), entry.path).toBe(true);
  }
  for (const run of liveRuns) expect(isInside(run, allocated)).toBe(true);
  return free;
}
