import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scratch, sha256 } from '../../testing/fixture-files.js';
import { HFS_JOURNALED, hfsFixtureImage, type HfsManifest, loadHfsManifest } from '../../testing/hfsplus-fixtures.js';
import { isInside, totalLength } from '../../testing/ranges.js';
import type { FsEntry } from '../filesystem.js';
import { detectFilesystem } from '../filesystems.js';
import type { ByteSource } from '../source/byte-source.js';
import { openFileSource } from '../source/file-source.js';
import { readByteRuns } from '../source/read-runs.js';
import type { HfsPlusFileSystem } from './hfsplus-filesystem.js';
import type { JournalScan } from './journal-scan.js';

describe('the journaled fixture, as a user checks it: deleted photos come back from the journal', () => {
  const temp = scratch();
  const manifest: HfsManifest = loadHfsManifest(HFS_JOURNALED);
  const setup = manifest.journal?.setup;
  let source: ByteSource;
  let fs: HfsPlusFileSystem;
  let entries: FsEntry[];
  let journal: JournalScan;
  const deleted = (tag: string) => manifest.entries.filter((e) => e.deleted && e.tags?.includes(tag));
  const find = (path: string, isDeleted: boolean) => entries.find((e) => e.path === path && e.deleted === isDeleted);

  beforeAll(async () => {
    source = await openFileSource(temp.write('journaled.img', hfsFixtureImage(HFS_JOURNALED)));
    fs = (await (await detectFilesystem(source))?.open(source)) as HfsPlusFileSystem;
    entries = await fs.entries();
    journal = await fs.journal();
  });
  afterAll(async () => {
    await source.close();
    temp.cleanup();
  });

  it('opens as a journaled HFS+ volume without damage notes', () => {
    expect(fs.header.journaled).toBe(true);
    expect(fs.header.journalInfoBlock).toBe(setup?.infoBlock);
    expect(fs.label).toBe(manifest.volumeName);
    expect(fs.notes.filter((n) => !/create date is local time/.test(n))).toEqual([]);
  });

  it('reads the journal where its info block says, in the writer\'s byte order, clean (start = end)', () => {
    expect(journal.header).toMatchObject({ at: setup?.offset, size: setup?.size, jhdrSize: setup?.jhdrSize, blhdrSize: setup?.blhdrSize, littleEndian: true, checksumOk: true });
    expect(journal.header?.start).toBe(journal.header?.end);
    expect(journal.header?.sequence).toBe(manifest.journal?.transactions);
  });

  it('walks every block list still in the circular buffer, not only start..end, oldest first, across the wrap', () => {
    const { lists } = journal;
    const written = manifest.journal?.transactions ?? 0;
    // The builder wrote more than the buffer holds: the oldest transactions are overwritten.
    expect(manifest.journal?.bytesWritten).toBeGreaterThan(manifest.journal?.ringBytes ?? 0);
    expect(lists.length).toBeGreaterThan(2);
    expect(lists.length).toBeLessThan(written);
    expect(lists.map((l) => l.sequence)).toEqual(Array.from({ length: lists.length }, (_, i) => written - lists.length + 1 + i));
    expect(lists.some((l) => l.offset + l.bytesUsed > (setup?.size ?? 0))).toBe(true); // one wraps to the buffer's start
    expect(lists.every((l) => !l.pending)).toBe(true);
    expect(journal.notes).toEqual([]);
  });

  it('the live tree is the manifest\'s, the journal\'s own files included, each once', () => {
    const shape = (e: { path: string; isDirectory: boolean; size: number }) => `${e.path}|${e.isDirectory}|${e.size}`;
    const live = entries.filter((e) => !e.deleted);
    expect(live.map(shape).sort()).toEqual(manifest.entries.filter((e) => !e.deleted).map(shape).sort());
    expect(new Set(entries.map((e) => e.path)).size).toBe(entries.length); // nothing live is listed again as deleted
  });

  it('live files, /.journal and /.journal_info_block among them, read back bit-exact', async () => {
    for (const expected of manifest.entries.filter((e) => !e.deleted && !e.isDirectory)) {
      const entry = find(expected.path, false) as FsEntry;
      expect(sha256(await readByteRuns(source, entry.byteRuns)), expected.path).toBe(expected.sha256);
    }
    expect(find('/.journal', false)?.byteRuns).toEqual([{ offset: setup?.offset, length: setup?.size }]);
  });

  it('photos deleted the macOS way (records zeroed in the catalog) come back from the journal: name, path, time, bytes', async () => {
    const photos = deleted('journal');
    expect(photos.map((e) => e.path).sort()).toEqual(['/Burst/burst_15.jpg', '/DCIM/100APPLE/IMG_0001.JPG', '/DCIM/100APPLE/IMG_0002.JPG']);
    for (const expected of photos) {
      const entry = find(expected.path, true) as FsEntry;
      expect(entry, expected.path).toBeDefined();
      expect(entry.name).toBe(expected.path.split('/').pop());
      expect(entry.size).toBe(expected.size);
      expect(entry.modifiedAt).toBe(expected.modifiedAt);
      expect(entry.confidence).toBe('contiguous-free');
      expect(entry.notes[0]).toMatch(/^found in the journal: a copy of catalog node \d+ in the block list at journal byte \d+ \(sequence \d+\)$/);
      expect(sha256(await readByteRuns(source, entry.byteRuns)), expected.path).toBe(expected.sha256);
    }
    // IMG_0002's leaf was journaled by three deletions: the newest copy is the one used.
    expect(find('/DCIM/100APPLE/IMG_0002.JPG', true)?.notes.join(' ')).toMatch(/holds \d+ copies of its record; the newest is used/);
  });

  it('the fragmented movie is found, but only its 8 inline extents are known: partial runs, a note, no false confidence', () => {
    const [expected] = deleted('journal-partial');
    const entry = find(expected?.path ?? '', true) as FsEntry;
    expect(entry.size).toBe(expected?.size);
    expect(entry.confidence).toBe('unknown');
    expect(totalLength(entry.byteRuns)).toBe(8 * manifest.blockSize);
    expect(entry.notes.join(' ')).toMatch(/8 extents holding 8 of its 11 blocks; the rest were in the extents overflow file/);
  });

  it('what the journal no longer holds is not listed: the clip whose copies were overwritten, files deleted before the journal', () => {
    const gone = manifest.entries.filter((e) => e.deleted && !e.tags?.some((t) => t === 'journal' || t === 'journal-partial'));
    expect(gone.map((e) => e.path).sort()).toEqual(['/Empty.txt', '/Filler.bin', '/Videos/Clip.mov']);
    for (const expected of gone) expect(entries.some((e) => e.path === expected.path), expected.path).toBe(false);
  });

  it('every deleted entry\'s runs lie in free space', async () => {
    const free = await fs.freeRanges();
    for (const entry of entries.filter((e) => e.deleted)) for (const run of entry.byteRuns) expect(isInside(run, free)).toBe(true);
  });
});
