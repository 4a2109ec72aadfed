import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scratch, sha256 } from '../../testing/fixture-files.js';
import { type FormattedEntry, formattedImage, loadFormattedManifest } from '../../testing/formatted-fixture.js';
import type { FsEntry } from '../filesystem.js';
import type { ByteSource } from '../source/byte-source.js';
import { openFileSource } from '../source/file-source.js';
import { readByteRuns } from '../source/read-runs.js';
import { fat32 } from './fat-descriptors.js';
import type { FatFileSystem } from './fat-filesystem.js';

const FLS = '/usr/bin/fls';
const hasFls = existsSync(FLS);
const manifest = loadFormattedManifest();
const listed = manifest.entries.filter((e): e is FormattedEntry & { orphanPath: string } => e.orphanPath !== undefined);
const temp = scratch();
let imagePath: string;
let source: ByteSource;
let fs: FatFileSystem;
let entries: FsEntry[];
const at = (path: string): FsEntry | undefined => entries.find((e) => e.path === path);

beforeAll(async () => {
  imagePath = temp.write('formatted.img', formattedImage());
  source = await openFileSource(imagePath);
  fs = (await fat32.open(source)) as FatFileSystem;
  entries = await fs.entries();
});
afterAll(async () => {
  await source.close();
  temp.cleanup();
});

describe('a camera card after a quick format: the folders that survived it', () => {
  it('the root is empty and the volume is the new format (its serial, its label)', () => {
    expect(entries.filter((e) => !e.deleted)).toEqual([]);
    expect(fs.geometry.volumeId?.toString(16).toUpperCase()).toBe(manifest.volumeIdAfter);
    expect(fs.label).toBe(manifest.volumeLabel);
  });

  it('every folder and every file in a folder is listed under /$OrphanFiles/, deleted, with its kind, size and time', () => {
    expect(listed.length).toBeGreaterThan(35);
    for (const expected of listed) {
      const entry = at(expected.orphanPath);
      expect(entry, expected.orphanPath).toBeDefined();
      expect(entry?.deleted).toBe(true);
      expect(entry?.isDirectory).toBe(expected.isDirectory);
      if (!expected.isDirectory) expect(entry?.size, expected.orphanPath).toBe(expected.size);
      if (expected.modifiedAt) expect(entry?.modifiedAt, expected.orphanPath).toBe(expected.modifiedAt);
    }
  });

  it("every file's bytes, read through its runs, hash to the manifest", async () => {
    for (const expected of listed.filter((e) => !e.isDirectory)) {
      const entry = at(expected.orphanPath) as FsEntry;
      expect(entry.confidence).toBe('contiguous-free');
      expect(sha256(await readByteRuns(source, entry.byteRuns)), expected.orphanPath).toBe(expected.sha256);
    }
  });

  it('lists nothing else: files whose entries were in the root are gone by name', () => {
    const expected = ['/$OrphanFiles', ...listed.map((e) => e.orphanPath)].sort();
    expect(entries.map((e) => e.path).sort()).toEqual(expected);
    for (const lost of manifest.entries.filter((e) => e.lostWithRoot)) expect(entries.some((e) => e.name === lost.path.slice(1))).toBe(false);
  });

  it('each entry says it came from a directory that survived a format', () => {
    for (const entry of entries.filter((e) => e.path.startsWith('/$OrphanFiles/'))) {
      expect(entry.notes.join(' | '), entry.path).toMatch(/survived a format/);
    }
  });

  it('top folders: DCIM by the camera-folder rule, the other after its first cluster, each with a note', () => {
    expect(at('/$OrphanFiles/DCIM')?.notes.join(' ')).toMatch(/named DCIM because it holds camera \(DCF\) folders/);
    const other = entries.find((e) => /^\/\$OrphanFiles\/OrphanDir-\d+$/.test(e.path)) as FsEntry;
    expect(other.path).toBe(`/$OrphanFiles/OrphanDir-${other.firstCluster}`);
    expect(other.notes.join(' ')).toMatch(/its own entry is gone; named after its first cluster/);
    expect(other.notes.join(' ')).toMatch(/'\.\.' entry points to the root directory/);
  });

  it('names deleted before the format: the long name comes back; an 8.3 first letter is inferred from its neighbours', () => {
    const deleted = listed.filter((e) => e.deletedBeforeFormat);
    expect(deleted.map((e) => e.orphanPath)).toEqual([
      '/$OrphanFiles/DCIM/100CANON/_MG_0003.JPG',
      expect.stringMatching(/^\/\$OrphanFiles\/OrphanDir-\d+\/AVCHD\/BDMV\/STREAM\/Family dinner\.mts$/),
    ]);
    expect(at('/$OrphanFiles/DCIM/100CANON/_MG_0003.JPG')?.inferredName).toBe('IMG_0003.JPG');
  });

  it('a folder whose second cluster lies after its files comes back whole (a noted guess)', () => {
    const folder = at('/$OrphanFiles/DCIM/102CANON') as FsEntry;
    expect(folder.byteRuns).toHaveLength(2);
    expect(folder.notes.join(' ')).toMatch(/continued in free cluster \d+/);
    expect(entries.filter((e) => e.path.startsWith('/$OrphanFiles/DCIM/102CANON/'))).toHaveLength(20);
  });

  it('orphans: false lists only the walk from the (empty) root', async () => {
    expect(await fs.entries({ orphans: false })).toEqual([]);
    expect(fs.notes).toEqual([]);
    await fs.entries();
    expect(fs.notes).toEqual([expect.stringMatching(/^8 directories that no path from the root reaches/)]);
  });
});

describe.skipIf(!hasFls)(`beats The Sleuth Kit's fls on the same card${hasFls ? '' : ' (skipped: /usr/bin/fls is not installed)'}`, () => {
  it('fls finds no file under its path from the root and loses the top folders; we list every one', () => {
    const lines = execFileSync(FLS, ['-r', '-p', '-f', 'fat32', imagePath], { encoding: 'utf8' }).split('\n');
    const theirs = lines.map((l) => /^[-a-zA-Z]\/[-a-zA-Z]\s+(?:\*\s+)?\d+:\t(.*)$/.exec(l)?.[1]).filter((p): p is string => p !== undefined);
    const original = new Set(manifest.entries.map((e) => e.path));
    expect(theirs.filter((p) => original.has(`/${p}`) || original.has(`/${p.replace(/^\$OrphanFiles\//, '')}`))).toEqual([]);
    expect(theirs.some((p) => /(^|\/)(DCIM|PRIVATE)(\/|$)/.test(p))).toBe(false);
    const underDcim = listed.filter((e) => e.path.startsWith('/DCIM/'));
    for (const e of underDcim) expect(e.orphanPath).toBe(`/$OrphanFiles${e.path.replace(/\/IMG_0003\.JPG$/, '/_MG_0003.JPG')}`);
    const ourNames = new Set(entries.map((e) => e.name));
    for (const path of theirs.filter((p) => p.startsWith('$OrphanFiles/'))) expect(ourNames.has(path.split('/').pop() as string), path).toBe(true);
  });
});
