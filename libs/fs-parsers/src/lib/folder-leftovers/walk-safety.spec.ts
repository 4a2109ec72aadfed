import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { snapshotTree, tempTree } from '../../testing/folder-tree.js';
import { encodeRecycleBinInfo } from '../../testing/recycle-bin.js';
import { UnsupportedError } from '../errors.js';
import { isoToFiletime } from '../recycle-bin/filetime.js';
import { findFolderLeftovers } from './find-folder-leftovers.js';
import type { FolderLeftoverOptions } from './folder-leftover.js';

async function walk(root: string, options: FolderLeftoverOptions = {}) {
  const notes: string[] = [];
  const found: string[] = [];
  for await (const item of findFolderLeftovers(root, { onNote: (note) => notes.push(note), ...options })) found.push(item.path);
  return { found, notes };
}

const trashed = (name: string) => `.trashed-${Date.UTC(2024, 6, 10) / 1000}-${name}`;
const hasMkfifo = spawnSync('sh', ['-c', 'command -v mkfifo']).status === 0;
const trees: ReturnType<typeof tempTree>[] = [];
const newTree = () => (trees.push(tempTree()), trees[trees.length - 1]!);
afterAll(() => trees.forEach((t) => t.cleanup()));

describe('the walk stays inside the folder and ends', () => {
  it('follows no symbolic link: not a loop, not one out of the tree, not a trashed name that is a link', async () => {
    const tree = newTree();
    const outside = newTree();
    outside.file(`DCIM/${trashed('outside.jpg')}`);
    const inside = tree.file(`DCIM/Camera/${trashed('inside.jpg')}`);
    tree.link('DCIM/Camera/loop', '..');
    tree.link('self', '.');
    tree.link('elsewhere', outside.root);
    tree.link(`DCIM/${trashed('link.jpg')}`, join(outside.root, 'DCIM', trashed('outside.jpg')));
    const { found, notes } = await walk(tree.root);
    expect(found).toEqual([inside]);
    expect(notes).toEqual(['4 symbolic link(s) were not followed']);
  });

  it.skipIf(!hasMkfifo)(`a FIFO named like a trashed photo or a $I file is passed over, without waiting on it${hasMkfifo ? '' : ' (skipped: no mkfifo)'}`, async () => {
    const tree = newTree();
    const r = tree.file('$Recycle.Bin/S-1-5-21-1-2-3-1001/$RABCDEF.jpg', 'photo');
    tree.folder('DCIM');
    for (const name of [`DCIM/${trashed('fifo.jpg')}`, '$Recycle.Bin/S-1-5-21-1-2-3-1001/$IABCDEF.jpg']) {
      expect(spawnSync('mkfifo', [join(tree.root, name)]).status).toBe(0);
    }
    const { found } = await walk(tree.root);
    expect(found).toEqual([r]);
  });

  it('stops at the depth and entry limits, and says so', async () => {
    const tree = newTree();
    const deep = tree.file(`${Array.from({ length: 12 }, (_, i) => `d${i}`).join('/')}/${trashed('deep.jpg')}`);
    expect((await walk(tree.root)).found).toEqual([deep]);
    expect(await walk(tree.root, { maxDepth: 5 })).toEqual({ found: [], notes: ['1 folder(s) deeper than 5 levels were not listed'] });
    const wide = newTree();
    for (let i = 0; i < 50; i++) wide.file(`DCIM/${trashed(`IMG_${String(i).padStart(4, '0')}.jpg`)}`);
    const { found, notes } = await walk(wide.root, { maxEntries: 21 });
    expect(found).toHaveLength(20);
    expect(notes).toEqual(['stopped after 21 entries: the rest of the folder was not examined']);
  });

  it('honours an aborted signal, and refuses a root that is not a folder', async () => {
    const tree = newTree();
    const file = tree.file(`DCIM/${trashed('a.jpg')}`);
    await expect(walk(tree.root, { signal: AbortSignal.abort() })).rejects.toThrow(/abort/i);
    await expect(walk(file)).rejects.toThrow(UnsupportedError);
    await expect(walk(join(tree.root, 'missing'))).rejects.toThrow(/cannot open the folder/);
    tree.link('card', tree.root);
    expect((await walk(join(tree.root, 'card'))).found).toEqual([file]);
  });
});

describe('nothing in the folder changes', () => {
  it('names, kinds, sizes, contents, link targets, modification times and the files read (access times) are as before', async () => {
    const tree = newTree();
    tree.file(`DCIM/Camera/${trashed('IMG_1.jpg')}`, Buffer.alloc(3000, 1));
    tree.file('DCIM/Camera/IMG_2.jpg', Buffer.alloc(100, 2));
    const bin = '$Recycle.Bin/S-1-5-21-1-2-3-1001';
    tree.file(`${bin}/$IABC.jpg`, encodeRecycleBinInfo(2, 4, isoToFiletime('2024-05-01T00:00:00Z'), 'C:\\a.jpg'));
    tree.file(`${bin}/$RABC.jpg`, 'abcd');
    tree.file(`${bin}/$IFOLD`, encodeRecycleBinInfo(1, 4, isoToFiletime('2024-05-01T00:00:00Z'), 'C:\\Pics'));
    tree.file(`${bin}/$RFOLD/x.png`, 'xpng');
    tree.link('loop', '.');
    const contents = snapshotTree(tree.root);
    tree.ageAccessTimes();
    const times = snapshotTree(tree.root, false);
    expect((await walk(tree.root)).found).toHaveLength(3);
    expect(snapshotTree(tree.root, false)).toEqual(times);
    expect(snapshotTree(tree.root)).toEqual(contents);
  });
});
