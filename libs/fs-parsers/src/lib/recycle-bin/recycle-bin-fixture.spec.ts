import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scratch, sha256 } from '../../testing/fixture-files.js';
import { expectGolden } from '../../testing/golden.js';
import { loadRecycleBinManifest, recycleBinImage } from '../../testing/recycle-bin.js';
import { fat32 } from '../fat/fat-descriptors.js';
import type { FsEntry } from '../filesystem.js';
import { bufferSource } from '../source/buffer-source.js';
import type { ByteSource } from '../source/byte-source.js';
import { openFileSource } from '../source/file-source.js';
import { readByteRuns } from '../source/read-runs.js';
import { pairRecycleBin } from './pair-recycle-bin.js';

const FLS = '/usr/bin/fls';
const hasFls = existsSync(FLS);
const manifest = loadRecycleBinManifest();
const temp = scratch();
let imagePath: string;
let source: ByteSource;
let entries: FsEntry[];
let report: Awaited<ReturnType<typeof pairRecycleBin>>;
const at = (path: string): FsEntry => entries.find((e) => e.path === path) as FsEntry;

beforeAll(async () => {
  imagePath = temp.write('recycle-bin.img', recycleBinImage());
  source = await openFileSource(imagePath);
  entries = await (await fat32.open(source)).entries();
  report = await pairRecycleBin(entries, source);
});
afterAll(async () => {
  await source.close();
  temp.cleanup();
});

describe('a card with a Windows Recycle Bin: each $R gets its original path, name and deletion time', () => {
  it('pairs every $R with its $I (version 1 and 2), live or emptied', () => {
    expect(manifest.items.map((i) => i.version)).toEqual([1, 2, 2, 2, 2, 2]);
    for (const item of manifest.items) {
      const entry = at(item.recycledPath);
      expect(entry, item.recycledPath).toBeDefined();
      expect(entry.deleted).toBe(item.emptied);
      expect(entry.recycled).toEqual({ originalPath: item.originalPath, originalName: item.originalName, deletedAt: item.deletedAt, sid: manifest.sid, infoPath: item.infoPath });
      const pair = report.pairs.find((p) => p.recycledPath === item.recycledPath);
      expect(pair?.info?.version).toBe(item.version);
      expect(pair?.info?.originalSize).toBe(item.size);
      expect(pair?.notes).toEqual([]);
    }
    expect(report.pairs).toHaveLength(manifest.items.length);
    expect(report.notes).toEqual([]);
  });

  it("the $R bytes, read through their runs, hash to the manifest (the emptied one's too)", async () => {
    for (const item of manifest.items.filter((i) => !i.isDirectory)) {
      expect(sha256(await readByteRuns(source, at(item.recycledPath).byteRuns)), item.recycledPath).toBe(item.sha256);
    }
  });

  it('a folder in the bin maps everything under it to the original folder', async () => {
    const folder = manifest.items.find((i) => i.isDirectory);
    expect(folder?.children).toHaveLength(4);
    for (const child of folder?.children ?? []) {
      const entry = at(child.path);
      expect(entry.recycled?.originalPath, child.path).toBe(child.originalPath);
      expect(entry.recycled?.deletedAt).toBe(folder?.deletedAt);
      if (!child.isDirectory) expect(sha256(await readByteRuns(source, entry.byteRuns))).toBe(child.sha256);
    }
    expect(report.pairs.find((p) => p.recycledPath === folder?.recycledPath)?.annotated).toBe(5);
  });

  it('nothing else is marked: desktop.ini, the $I files, the live photo', () => {
    const marked = new Set(manifest.items.flatMap((i) => [i.recycledPath, ...(i.children ?? []).map((c) => c.path)]));
    for (const entry of entries.filter((e) => !marked.has(e.path))) expect(entry.recycled, entry.path).toBeUndefined();
  });

  it('the pairing parses to the committed golden JSON (UPDATE_GOLDEN=1 rewrites it)', () => {
    expectGolden(import.meta.dirname, 'recycle-bin', `${JSON.stringify(report, null, 1)}\n`);
  });
});

describe('hostile $I files on the card: a note on that pair, the others still paired', () => {
  const damaged = async (patch: (infoBytes: Buffer) => void, item = manifest.items[1]) => {
    const image = recycleBinImage();
    const run = at(item?.infoPath ?? '').byteRuns[0] as { offset: number; length: number };
    patch(image.subarray(run.offset, run.offset + run.length));
    const src = bufferSource(image);
    const list = await (await fat32.open(src)).entries();
    return { list, result: await pairRecycleBin(list, src), path: item?.recycledPath ?? '' };
  };
  const noteOf = (r: Awaited<ReturnType<typeof pairRecycleBin>>, path: string) => r.pairs.find((p) => p.recycledPath === path)?.notes.join(' ');

  it('a name length of 2^31', async () => {
    const { list, result, path } = await damaged((b) => b.writeUInt32LE(2 ** 31, 24));
    expect(noteOf(result, path)).toMatch(/name length 2147483648 is outside/);
    expect(list.find((e) => e.path === path)?.recycled).toBeUndefined();
    expect(list.filter((e) => e.recycled)).toHaveLength(manifest.items.length - 1 + 4);
  });

  it('version 3', async () => {
    const { result, path } = await damaged((b) => b.writeBigUInt64LE(3n, 0));
    expect(noteOf(result, path)).toMatch(/\$I version 3/);
  });

  it('a $I cut short, or whose runs point past the end of the source', async () => {
    const item = manifest.items[2];
    const copy = entries.map((e) => ({ ...e, byteRuns: e.byteRuns.map((r) => ({ ...r })) }));
    const info = copy.find((e) => e.path === item?.infoPath) as FsEntry;
    info.size = 20;
    const other = copy.find((e) => e.path === manifest.items[3]?.infoPath) as FsEntry;
    other.byteRuns = [{ offset: source.size - 10, length: other.size }];
    const result = await pairRecycleBin(copy, source);
    expect(noteOf(result, item?.recycledPath ?? '')).toMatch(/needs at least 24 bytes, got 20/);
    expect(noteOf(result, manifest.items[3]?.recycledPath ?? '')).toMatch(/past the end|ends after/);
  });

  it('a $R without its $I, and a $I without its $R, are reported', async () => {
    const item = manifest.items[0];
    const result = await pairRecycleBin(entries.filter((e) => e.path !== item?.infoPath && e.path !== manifest.items[1]?.recycledPath), source);
    expect(noteOf(result, item?.recycledPath ?? '')).toMatch(/no \$I file/);
    expect(result.pairs.find((p) => p.infoPath === manifest.items[1]?.infoPath && !p.recycledPath)?.notes.join(' ')).toMatch(/\$R file is gone/);
  });

  it('honours an aborted signal', async () => {
    await expect(pairRecycleBin(entries, source, { signal: AbortSignal.abort() })).rejects.toThrow(/abort/i);
  });
});

describe.skipIf(!hasFls)(`the same card seen by The Sleuth Kit's fls${hasFls ? '' : ' (skipped: /usr/bin/fls is not installed)'}`, () => {
  it('lists the same live and deleted paths (fls has no notion of $I: names only)', () => {
    const theirs = execFileSync(FLS, ['-r', '-p', '-f', 'fat32', imagePath], { encoding: 'utf8' })
      .split('\n')
      .map((line) => /^([a-zA-Z-])\/[a-zA-Z-]\s+(\*\s+)?[^:]+:\t(.*)$/.exec(line))
      .filter((m): m is RegExpExecArray => m !== null && m[1] !== 'v' && m[1] !== 'V' && !m[3]?.endsWith('(Volume Label Entry)'))
      .map((m) => `${m[2] ? '*' : ' '} /${m[3]}`)
      .sort();
    expect(entries.map((e) => `${e.deleted ? '*' : ' '} ${e.path}`).sort()).toEqual(theirs);
  });
});
