import { describe, expect, it } from 'vitest';
import { FAT_FIXTURES, fixtureImage, loadManifest, recoveredPath, writeFatEntry } from '../../testing/fat-fixtures.js';
import { type ManifestEntry, sha256 } from '../../testing/fixture-files.js';
import type { FsEntry } from '../filesystem.js';
import { bufferSource } from '../source/buffer-source.js';
import { readByteRuns } from '../source/read-runs.js';
import { parseFatBootSector } from './boot-sector.js';
import { fat12, fat16, fat32 } from './fat-descriptors.js';
import type { FatFileSystem } from './fat-filesystem.js';

const descriptors = { fat12, fat16, fat32 };
const BITS = { fat12: 12, fat16: 16, fat32: 32 } as const;
const END_OF_CHAIN = { fat12: 0xff8, fat16: 0xfff8, fat32: 0x0ffffff8 };
const CAKE = '/DCIM/100CANON/Birthday party – cake.jpg';

describe.each(FAT_FIXTURES)('%s: labelled guesses at a deleted file’s clusters', (name) => {
  const manifest = loadManifest(name);
  const cake = manifest.entries.find((e) => e.path === CAKE && e.deleted);
  const open = async (image: Buffer) => {
    const source = bufferSource(image);
    const fs = (await descriptors[name].open(source)) as FatFileSystem;
    const entries = await fs.entries();
    const hash = (runs: FsEntry['byteRuns']) => readByteRuns(source, runs).then(sha256);
    return { fs, entries, hash, find: (path: string) => entries.find((e) => e.path === path && e.deleted) as FsEntry };
  };

  it('a deleted file with nothing in use across its clusters: one candidate, the runs entries() gives', async () => {
    const { fs, find, hash } = await open(fixtureImage(name));
    const entry = find(CAKE);
    const candidates = await fs.runCandidates(entry);
    expect(candidates.map((c) => c.kind)).toEqual(['contiguous']);
    expect(candidates[0]?.byteRuns).toEqual(entry.byteRuns);
    expect(await hash(candidates[0]?.byteRuns ?? [])).toBe(cake?.sha256);
  });

  it('a cluster in the middle reused by another file: contiguous keeps the bytes there, contiguous-free (TSK, and entries()) skips it', async () => {
    const image = fixtureImage(name);
    const g = parseFatBootSector(image.subarray(0, 512));
    const clean = (await open(image)).find(CAKE);
    const middle = clean.firstCluster + 2;
    writeFatEntry(image, g.fatOffset, BITS[name], middle, END_OF_CHAIN[name]); // a one-cluster file now
    const { fs, find, hash } = await open(image);
    const entry = find(CAKE);
    const [contiguous, free, ...rest] = await fs.runCandidates(entry);
    expect(rest).toEqual([]);
    expect(contiguous?.kind).toBe('contiguous');
    expect(contiguous?.clustersInUse).toBe(1);
    expect(contiguous?.notes.join(' ')).toMatch(/1 of its \d+ clusters are in use now/);
    expect(await hash(contiguous?.byteRuns ?? [])).toBe(cake?.sha256); // the bytes there were never overwritten
    expect(free?.kind).toBe('contiguous-free');
    expect(free?.byteRuns).toEqual(entry.byteRuns);
    expect(await hash(free?.byteRuns ?? [])).not.toBe(cake?.sha256);
  });

  it('a deleted file whose first cluster is in use: only the contiguous guess, flagged; live files their chain; folders none', async () => {
    const { fs, entries, find } = await open(fixtureImage(name));
    const overwritten = manifest.entries.find((e) => e.tags?.includes('overwritten')) as ManifestEntry;
    const [only, ...none] = await fs.runCandidates(find(recoveredPath(overwritten, manifest)));
    expect(none).toEqual([]);
    expect(only?.kind).toBe('contiguous');
    expect(only?.clustersInUse).toBeGreaterThan(0);
    const live = entries.find((e) => !e.deleted && !e.isDirectory && e.size > 0) as FsEntry;
    expect(await fs.runCandidates(live)).toEqual([{ kind: 'chain', byteRuns: live.byteRuns, clustersInUse: 0, notes: [] }]);
    expect(await fs.runCandidates(entries.find((e) => e.isDirectory) as FsEntry)).toEqual([]);
  });
});
