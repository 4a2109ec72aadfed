import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExfatFormattedEntry, exfatFormattedImage, loadExfatFormattedManifest } from '../../testing/exfat-formatted-fixture.js';
import { scratch, sha256 } from '../../testing/fixture-files.js';
import type { FsEntry } from '../filesystem.js';
import type { ByteSource } from '../source/byte-source.js';
import { openFileSource } from '../source/file-source.js';
import { readByteRuns } from '../source/read-runs.js';
import { exfat } from './exfat-descriptor.js';
import type { ExfatFileSystem } from './exfat-filesystem.js';

const FLS = '/usr/bin/fls';
const hasFls = existsSync(FLS);
const manifest = loadExfatFormattedManifest();
const listed = manifest.entries.filter((e): e is ExfatFormattedEntry & { orphanPath: string } => e.orphanPath !== undefined);
const files = listed.filter((e) => !e.isDirectory);
const temp = scratch();
let imagePath: string;
let source: ByteSource;
let fs: ExfatFileSystem;
let entries: FsEntry[];
const at = (path: string): FsEntry | undefined => entries.find((e) => e.path === path);
const notesOf = (path: string): string => at(path)?.notes.join(' | ') ?? '';

beforeAll(async () => {
  imagePath = temp.write('exfat-formatted.img', exfatFormattedImage());
  source = await openFileSource(imagePath);
  fs = (await exfat.open(source)) as ExfatFileSystem;
  entries = await fs.entries();
});
afterAll(async () => {
  await source.close();
  temp.cleanup();
});

describe('an exFAT camera card after a quick format: the folders that survived it', () => {
  it('the root is empty and the volume is the new format (its label, nothing allocated but the system files)', () => {
    expect(entries.filter((e) => !e.deleted)).toEqual([]);
    expect(fs.label).toBe(manifest.volumeLabel);
    expect(fs.clusterSize).toBe(manifest.clusterSize);
  });

  it('every folder and every file in a folder is listed under /$OrphanFiles/, deleted, with its kind and size', () => {
    expect(files.length).toBeGreaterThan(140);
    for (const expected of listed) {
      const entry = at(expected.orphanPath);
      expect(entry, expected.orphanPath).toBeDefined();
      expect(entry?.deleted).toBe(true);
      expect(entry?.isDirectory).toBe(expected.isDirectory);
      expect(entry?.size, expected.orphanPath).toBe(expected.size);
    }
  });

  it('times come back in UTC from the sets, except a top folder own (its set was in the old root)', () => {
    for (const expected of listed.filter((e) => e.modifiedAt)) {
      const entry = at(expected.orphanPath) as FsEntry;
      if (expected.path.lastIndexOf('/') === 0) {
        expect(entry.modifiedAt, expected.orphanPath).toBeUndefined();
        continue;
      }
      expect(entry.modifiedAt, expected.orphanPath).toBe(expected.modifiedAt);
      expect(entry.accessedAt, expected.orphanPath).toBe(expected.accessedAt);
    }
  });

  it("every file's bytes, read through its runs, hash to the manifest (NoFatChain: contiguous, still free)", async () => {
    for (const expected of files) {
      const entry = at(expected.orphanPath) as FsEntry;
      expect(entry.confidence, expected.orphanPath).toBe('contiguous-free');
      expect(sha256(await readByteRuns(source, entry.byteRuns)), expected.orphanPath).toBe(expected.sha256);
    }
  });

  it('lists nothing else: a file whose set was in the root is gone by name', () => {
    expect(entries.map((e) => e.path).sort()).toEqual(['/$OrphanFiles', ...listed.map((e) => e.orphanPath)].sort());
    const lost = manifest.entries.filter((e) => e.lostWithRoot);
    expect(lost.map((e) => e.path)).toEqual(['/notes.txt']);
    expect(entries.some((e) => e.name === 'notes.txt')).toBe(false);
  });

  it('the right name for every recovered file whose name is still on the volume (the benchmark asks ≥ 95%)', () => {
    const named = files.filter((e) => at(e.orphanPath)?.name === e.path.split('/').pop());
    expect(named.length / files.length).toBe(1);
  });

  it('each entry says it came from a directory that survived a format', () => {
    for (const entry of entries.filter((e) => e.path.startsWith('/$OrphanFiles/'))) {
      expect(entry.notes.join(' | '), entry.path).toMatch(/survived a format/);
    }
  });

  it('top folders: DCIM by the camera-folder rule, the other after its first cluster, each with a note', () => {
    expect(notesOf('/$OrphanFiles/DCIM')).toMatch(/its own entry set is gone; named DCIM because it holds camera \(DCF\) folders/);
    const other = entries.find((e) => /^\/\$OrphanFiles\/OrphanDir-\d+$/.test(e.path)) as FsEntry;
    expect(other.path).toBe(`/$OrphanFiles/OrphanDir-${other.firstCluster}`);
    expect(other.notes.join(' ')).toMatch(/its own entry set is gone; named after its first cluster/);
  });

  it('files deleted before the format keep their whole names, with a note', () => {
    const deleted = listed.filter((e) => e.deletedBeforeFormat).map((e) => e.orphanPath);
    expect(deleted).toEqual([
      '/$OrphanFiles/DCIM/100CANON/IMG_0003.JPG',
      '/$OrphanFiles/DCIM/101CANON/IMG_0120.JPG',
      expect.stringMatching(/^\/\$OrphanFiles\/OrphanDir-\d+\/AVCHD\/BDMV\/STREAM\/Family dinner\.mts$/),
    ]);
    for (const path of deleted) expect(notesOf(path)).toMatch(/already marked deleted/);
  });

  it('folders of two clusters come back whole: a set cut by the first cluster joined by its checksum, NoFatChain by its length, an exact fill by a noted guess', () => {
    const inside = (folder: string) => entries.filter((e) => e.path.startsWith(`/$OrphanFiles/DCIM/${folder}/`));
    const canon101 = at('/$OrphanFiles/DCIM/101CANON') as FsEntry;
    expect(canon101.byteRuns).toHaveLength(2);
    expect(canon101.notes.join(' ')).toMatch(/completes the entry set its previous cluster leaves cut \(checksum verified\)/);
    expect(inside('101CANON')).toHaveLength(47);
    const canon102 = at('/$OrphanFiles/DCIM/102CANON') as FsEntry;
    expect(canon102.byteRuns).toEqual([{ offset: expect.any(Number), length: 2 * fs.clusterSize }]);
    expect(inside('102CANON')).toHaveLength(44);
    const canon103 = at('/$OrphanFiles/DCIM/103CANON') as FsEntry;
    expect(canon103.byteRuns).toHaveLength(2);
    expect(canon103.notes.join(' ')).toMatch(/holds only entry sets: a guess \(its FAT chain is gone\)/);
    expect(inside('103CANON')).toHaveLength(43);
  });

  it('orphans: false lists only the walk from the (empty) root', async () => {
    expect(await fs.entries({ orphans: false })).toEqual([]);
    expect(fs.notes).toEqual([]);
    await fs.entries();
    expect(fs.notes).toEqual([expect.stringMatching(/^9 directories that no path from the root reaches/)]);
  });
});

describe.skipIf(!hasFls)(`lists at least what The Sleuth Kit's fls names, under full paths${hasFls ? '' : ' (skipped: /usr/bin/fls is not installed)'}`, () => {
  it('every name fls finds under $OrphanFiles is ours, at its original path; fls loses DCIM, PRIVATE and a name cut by a cluster', () => {
    const lines = execFileSync(FLS, ['-r', '-p', '-f', 'exfat', imagePath], { encoding: 'utf8' }).split('\n');
    const theirs = lines.map((l) => /^[-a-zA-Z]\/[-a-zA-Z]\s+\*\s+\d+:\t\$OrphanFiles\/(.*)$/.exec(l)?.[1]).filter((p): p is string => p !== undefined);
    const nameless = theirs.filter((p) => /^OrphanFile-\d+$/.test(p));
    const named = theirs.filter((p) => !nameless.includes(p));
    expect(named.length).toBeGreaterThan(100);
    expect(named.some((p) => /(^|\/)(DCIM|PRIVATE)(\/|$)/.test(p))).toBe(false);
    const byOriginal = new Map(listed.map((e) => [e.orphanPath, e.path]));
    for (const path of named) {
      const ours = entries.filter((e) => e.path.endsWith(`/${path}`));
      expect(ours, path).toHaveLength(1);
      const original = byOriginal.get((ours[0] as FsEntry).path) as string;
      expect(original.endsWith(`/${path}`) && original.split('/').length >= path.split('/').length + 1, path).toBe(true);
    }
    const theirFiles = lines.filter((l) => /^[r-]\/r \*/.test(l) && l.includes('$OrphanFiles/'));
    expect(entries.filter((e) => !e.isDirectory).length).toBeGreaterThan(theirFiles.length - nameless.length);
    expect(nameless.length).toBeGreaterThan(0);
  });
});
