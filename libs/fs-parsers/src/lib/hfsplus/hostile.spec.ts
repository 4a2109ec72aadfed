import { afterAll, describe, expect, it } from 'vitest';
import { scratch } from '../../testing/fixture-files.js';
import { hfsFixtureImage, hfsLayout } from '../../testing/hfsplus-fixtures.js';
import { CorruptError, TruncatedError, UnsupportedError } from '../errors.js';
import type { FsEntry } from '../filesystem.js';
import { detectFilesystem } from '../filesystems.js';
import { bufferSource } from '../source/buffer-source.js';
import { openFileSource } from '../source/file-source.js';
import { hfsplus } from './hfsplus-descriptor.js';

const temp = scratch();
afterAll(() => temp.cleanup());
const clean = hfsFixtureImage('hfsplus');
const layout = hfsLayout(clean);
const nodeAt = (n: number) => layout.catalogOffset + n * layout.nodeSize;
const live = (entries: FsEntry[]) => entries.filter((e) => !e.deleted).length;
const liveCount = 36;

/** Patches a copy, opens it through a file as a user's image would be, and walks it (under 2 s). */
async function openPatched(patch: (image: Buffer) => unknown) {
  const image = Buffer.from(clean);
  const result = patch(image);
  const patched = Buffer.isBuffer(result) ? result : image;
  const source = await openFileSource(temp.write('patched.img', patched));
  const started = Date.now();
  try {
    const fs = await hfsplus.open(source);
    const entries = await fs.entries();
    const free = await fs.freeRanges();
    expect(Date.now() - started).toBeLessThan(15_000);
    return { fs, entries, free, size: source.size, notes: fs.notes.join(' ') };
  } finally {
    await source.close();
  }
}

/** Byte offset of a leaf record's key whose name is `name` (UTF-16BE), searched in the catalog. */
function keyOffset(image: Buffer, name: string): number {
  const found = image.indexOf(Buffer.from(name, 'utf16le').swap16(), layout.catalogOffset);
  if (found < 0) throw new Error(`no key ${name}`);
  return found - 8;
}

describe('HFS+ with damage: typed errors or notes, never a crash or a hang', () => {
  it('the clean image lists 36 live entries (the baseline the others are measured against)', async () => {
    expect(live((await openPatched(() => undefined)).entries)).toBe(liveCount);
  });

  it('a leaf chain that loops back is cut with a note; the index still reaches every leaf', async () => {
    const { entries, notes } = await openPatched((img) => img.writeUInt32BE(2, nodeAt(3)));
    expect(notes).toMatch(/leaf chain loops back to node 2/);
    expect(live(entries)).toBe(liveCount);
  });

  it('an index record pointing at its own node is read once, with a note', async () => {
    const { entries, notes } = await openPatched((img) => {
      const root = nodeAt(1);
      const first = img.readUInt16BE(root + layout.nodeSize - 2);
      img.writeUInt32BE(1, root + first + 2 + img.readUInt16BE(root + first));
    });
    expect(notes).toMatch(/index reaches node 1 twice/);
    expect(live(entries)).toBe(liveCount);
  });

  it('a leaf link past the catalog file is reported', async () => {
    const { notes } = await openPatched((img) => img.writeUInt32BE(0x7fffffff, nodeAt(2)));
    expect(notes).toMatch(/outside nodes 1\.\.5/);
  });

  it('a node size of 0 or one that is not a power of two is a CorruptError', async () => {
    for (const size of [0, 0xffff, 256]) {
      const image = Buffer.from(clean);
      image.writeUInt16BE(size, layout.catalogOffset + 32);
      await expect(hfsplus.open(bufferSource(image))).rejects.toThrow(CorruptError);
    }
  });

  it('a huge node count is cut to what the catalog file holds', async () => {
    const { notes, entries } = await openPatched((img) => img.writeUInt32BE(0xffffffff, layout.catalogOffset + 36));
    expect(notes).toMatch(/4294967295 nodes claimed, 6 fit/);
    expect(live(entries)).toBe(liveCount);
  });

  it('record offsets outside the node end that node\'s records with a note', async () => {
    const { entries, notes } = await openPatched((img) => img.writeUInt16BE(0xfff0, nodeAt(3) + layout.nodeSize - 8));
    expect(notes).toMatch(/node 3: record 2 has offsets .* outside/);
    expect(live(entries)).toBeLessThan(liveCount);
  });

  it('a record count beyond what fits is capped, with a note', async () => {
    const { notes } = await openPatched((img) => img.writeUInt16BE(0xffff, nodeAt(2) + 10));
    expect(notes).toMatch(/claims 65535 records/);
  });

  it('an extent past the end of the volume is cut, with a note on the file', async () => {
    const { entries } = await openPatched((img) => img.writeUInt32BE(0x00ffff00, keyOffset(img, 'Notes.txt') + 2 + 24 + 88 + 16));
    const notes = entries.find((e) => e.path === '/Notes.txt')?.notes.join(' ');
    expect(notes).toMatch(/runs past the volume/);
    expect(entries.find((e) => e.path === '/Notes.txt')?.byteRuns).toEqual([]);
  });

  it('a leaf unlinked from the tree and marked free gives its file records back as deleted ("free node")', async () => {
    const { entries } = await openPatched((img) => {
      img.writeUInt32BE(0, nodeAt(4)); // node 4's fLink
      img.writeUInt32BE(4, layout.catalogOffset + 28); // lastLeafNode
      img.writeUInt16BE(3, nodeAt(1) + 10); // the root index forgets its 4th child (node 5)
      const map = img.readUInt16BE(layout.catalogOffset + layout.nodeSize - 6);
      img[layout.catalogOffset + map] &= ~0x04; // node 5 free in the node map
    });
    const movie = entries.find((e) => e.path === '/Frag/Movie.mp4');
    expect(movie?.deleted).toBe(true);
    expect(movie?.notes.join(' ')).toMatch(/free node: node 5/);
    expect(movie?.confidence).toBe('unknown'); // its blocks are still marked in use
    expect(movie?.byteRuns).toEqual([]);
  });

  it('a deleted file whose folder is unknown is listed under /$OrphanFiles with a note', async () => {
    const { entries } = await openPatched((img) => {
      const slack = img.indexOf(Buffer.from('IMG_0001.JPG', 'utf16le').swap16(), nodeAt(4)) - 8;
      img.writeUInt32BE(58, slack + 2); // the parent ID of the record left in slack: not a folder
    });
    const orphan = entries.find((e) => e.path === '/$OrphanFiles/IMG_0001.JPG');
    expect(orphan?.deleted).toBe(true);
    expect(orphan?.confidence).toBe('contiguous-free');
    expect(orphan?.notes.join(' ')).toMatch(/folder \(ID 58\) is unknown/);
  });

  it('an image cut short opens with notes; nothing points past its end', async () => {
    const { entries, free, size, notes } = await openPatched((img) => img.subarray(0, 100_000));
    expect(notes).toMatch(/claims 210944 bytes/);
    expect(notes).toMatch(/allocation file: part of it lies past the end/);
    for (const run of [...entries.flatMap((e) => e.byteRuns), ...free]) expect(run.offset + run.length).toBeLessThanOrEqual(size);
    expect(entries.find((e) => e.path === '/Notes.txt')?.notes.join(' ')).toMatch(/beyond the end/);
  });

  it('an image cut inside its catalog is a TruncatedError', async () => {
    await expect(hfsplus.open(bufferSource(clean.subarray(0, layout.catalogOffset + 5000)))).rejects.toThrow(TruncatedError);
  });

  it('a wrong signature, version or block size: no probe matches, open says why', async () => {
    const cases: [number, number, typeof UnsupportedError | typeof CorruptError][] = [
      [1024, 0x4141, UnsupportedError],
      [1026, 9, UnsupportedError],
      [1064, 0, CorruptError],
    ];
    for (const [at, value, error] of cases) {
      const image = Buffer.from(clean);
      if (at === 1064) image.writeUInt32BE(value, at);
      else image.writeUInt16BE(value, at);
      expect(await detectFilesystem(bufferSource(image))).toBeNull();
      await expect(hfsplus.open(bufferSource(image))).rejects.toThrow(error);
    }
  });

  it('a wrapper whose embedded volume lies past the image: no match, TruncatedError', async () => {
    const wrapped = hfsFixtureImage('wrapped');
    wrapped.writeUInt16BE(0xfff0, 1024 + 126);
    expect(await hfsplus.probe(bufferSource(wrapped))).toBe(false);
    await expect(hfsplus.open(bufferSource(wrapped))).rejects.toThrow(TruncatedError);
  });

  it('catalog leaves full of noise still give a bounded, partial result with notes', async () => {
    let seed = 11;
    const { fs, entries } = await openPatched((img) => {
      for (const n of [2, 3, 4]) {
        const node = img.subarray(nodeAt(n) + 14, nodeAt(n) + layout.nodeSize);
        for (let i = 0; i < node.length; i++) node[i] = (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24;
      }
    });
    expect(fs.notes.length).toBeGreaterThan(0);
    expect(entries.length).toBeLessThan(liveCount);
  });

  it('the journaled bit without a journal info block gets a note; the walk goes on', async () => {
    const { notes, entries } = await openPatched((img) => img.writeUInt32BE(img.readUInt32BE(1028) | 0x2000, 1028));
    expect(notes).toMatch(/journal: the journal info block \(0\) lies outside the volume's 103 blocks/);
    expect(live(entries)).toBe(liveCount);
  });

  it('a walk honours an aborted signal', async () => {
    const fs = await hfsplus.open(bufferSource(clean));
    await expect(fs.entries({ signal: AbortSignal.abort() })).rejects.toThrow(/abort/i);
  });
});
