import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempTree } from '../../testing/folder-tree.js';
import { encodeRecycleBinInfo } from '../../testing/recycle-bin.js';
import { isoToFiletime } from '../recycle-bin/filetime.js';
import { findFolderLeftovers } from './find-folder-leftovers.js';
import type { FolderLeftover } from './folder-leftover.js';

async function walk(root: string): Promise<{ found: FolderLeftover[]; notes: string[] }> {
  const notes: string[] = [];
  const found: FolderLeftover[] = [];
  for await (const item of findFolderLeftovers(root, { onNote: (note) => notes.push(note) })) found.push(item);
  return { found, notes };
}

const T = (iso: string) => Date.parse(iso) / 1000;
const trashedUntil = T('2024-07-10T08:00:00Z');
const pendingUntil = T('2024-06-19T09:30:00Z');

describe("a phone's storage copied to a folder: MediaStore's trashed and pending media", async () => {
  const tree = tempTree();
  afterAll(() => tree.cleanup());
  tree.file('DCIM/Camera/IMG_20240601_101010.jpg', 'live photo');
  const trashed = tree.file(`DCIM/Camera/.trashed-${trashedUntil}-IMG_20240602_111111.jpg`, 'trashed photo bytes', T('2024-06-02T11:11:11Z'));
  const pending = tree.file(`DCIM/Camera/.pending-${pendingUntil}-VID_20240612_093000.mp4`, 'half a video');
  const again = tree.file(`DCIM/Camera/.trashed-${trashedUntil}-IMG_20240601_101010.jpg`, 'an older copy');
  const screenshot = tree.file(`Pictures/Screenshots/.TRASHED-${T('2024-07-14T10:15:00Z')}-Screenshot_20240614-101500.png`, 'png');
  const whatsapp = tree.file(`Android/media/com.whatsapp/WhatsApp/Media/WhatsApp Images/.trashed-${trashedUntil}-IMG-20240601-WA0001.jpg`, 'wa');
  tree.file(`Download/.trashed-${trashedUntil}-report.pdf`, 'not a photo');
  tree.file(`Music/.pending-${pendingUntil}-song.mp3`, 'not a video');
  tree.file('DCIM/.thumbnails/.trashed-99-1717236000.jpg', 'a silly expiry');
  tree.file(`DCIM/Camera/.trashed-${trashedUntil}-`, 'only the prefix');
  const { found, notes } = await walk(tree.root);

  it('lists each trashed or pending photo and video with its real name, place and expiry, nothing else', () => {
    expect(found.map((f) => f.path)).toEqual([whatsapp, pending, again, trashed, screenshot]);
    expect(found.find((f) => f.path === trashed)).toEqual({
      kind: 'android-trash',
      state: 'trashed',
      path: trashed,
      originalName: 'IMG_20240602_111111.jpg',
      originalPath: join(tree.root, 'DCIM/Camera/IMG_20240602_111111.jpg'),
      expiresAt: new Date('2024-07-10T08:00:00Z'),
      size: 'trashed photo bytes'.length,
      modifiedAt: new Date('2024-06-02T11:11:11Z'),
      notes: [],
    });
    expect(found.find((f) => f.path === pending)).toMatchObject({ kind: 'android-pending', originalName: 'VID_20240612_093000.mp4', expiresAt: new Date('2024-06-19T09:30:00Z'), size: 12 });
    expect(found.find((f) => f.path === screenshot)).toMatchObject({ kind: 'android-trash', originalName: 'Screenshot_20240614-101500.png' });
    expect(notes).toEqual([]);
  });

  it('says when the real name is taken in that folder (restore it under another name)', () => {
    expect(found.find((f) => f.path === again)?.notes).toEqual(['a file named IMG_20240601_101010.jpg is also in this folder: restore this one under another name']);
  });
});

describe("a Windows drive's folder: Recycle Bin items with their original paths", async () => {
  const tree = tempTree();
  afterAll(() => tree.cleanup());
  const sid = 'S-1-5-21-1004336348-1177238915-682003330-1001';
  const bin = `$RECYCLE.BIN/${sid}`;
  const info = (suffix: string, version: 1 | 2, size: number, when: string, path: string) => tree.file(`${bin}/$I${suffix}`, encodeRecycleBinInfo(version, size, isoToFiletime(when), path));
  tree.file(`${bin}/desktop.ini`, '[.ShellClassInfo]\r\n');
  const v1 = info('K3N7QX.JPG', 1, 6, '2019-03-10T14:22:05.123Z', 'E:\\DCIM\\100CANON\\IMG_0042.JPG');
  const v1R = tree.file(`${bin}/$RK3N7QX.JPG`, 'photo1');
  const v2 = info('5B2M1A.mp4', 2, 5, '2024-05-01T10:20:30.456Z', 'E:\\Videos\\Crème brûlée – dessert.mp4');
  const v2R = tree.file(`${bin}/$R5B2M1A.mp4`, 'video!');
  const folderInfo = info('Z9Y8X7', 2, 9, '2024-06-01T12:00:00Z', 'E:\\DCIM\\101CANON');
  const inFolder = tree.file(`${bin}/$RZ9Y8X7/IMG_0100.JPG`, 'img100');
  tree.file(`${bin}/$RZ9Y8X7/notes.txt`, 'not media');
  const clip = tree.file(`${bin}/$RZ9Y8X7/Clips/clip one.mp4`, 'clip');
  const noInfo = tree.file(`${bin}/$RNOINFO.jpg`, 'orphan');
  const gone = info('GONE01.jpg', 2, 1, '2024-05-05T00:00:00Z', 'E:\\gone.jpg');
  const bad = info('BAD001.jpg', 2, 3, '2024-05-05T00:00:00Z', 'E:\\bad.jpg');
  const badBytes = encodeRecycleBinInfo(2, 3, 1n, 'E:\\bad.jpg');
  badBytes.writeUInt32LE(2 ** 31, 24);
  tree.file(`${bin}/$IBAD001.jpg`, badBytes);
  const badR = tree.file(`${bin}/$RBAD001.jpg`, 'bad');
  info('DOC001.docx', 2, 4, '2024-05-05T00:00:00Z', 'E:\\report.docx');
  tree.file(`${bin}/$RDOC001.docx`, 'docx');
  const systemInfo = tree.file('$RECYCLE.BIN/S-1-5-18/$IA.png', encodeRecycleBinInfo(2, 3, isoToFiletime('2023-01-01T00:00:00Z'), 'C:\\Windows\\a.png'));
  const systemR = tree.file('$RECYCLE.BIN/S-1-5-18/$RA.png', 'png');
  tree.file('Photos/$RFAKE.jpg', 'not in a bin');
  tree.file(`${bin}/sub/$RDEEP.jpg`, 'not right inside the SID folder');
  const { found, notes } = await walk(tree.root);
  const at = (path: string) => found.find((f) => f.path === path);

  it('pairs each $R with its $I (version 1 and 2): original Windows path, name, deletion time', () => {
    expect(at(v1R)).toEqual({ kind: 'recycle-bin', path: v1R, originalPath: 'E:\\DCIM\\100CANON\\IMG_0042.JPG', originalName: 'IMG_0042.JPG', deletedAt: new Date('2019-03-10T14:22:05.123Z'), size: 6, sid, infoPath: v1, notes: [] });
    expect(at(v2R)).toMatchObject({ originalPath: 'E:\\Videos\\Crème brûlée – dessert.mp4', originalName: 'Crème brûlée – dessert.mp4', deletedAt: new Date('2024-05-01T10:20:30.456Z'), infoPath: v2 });
    expect(at(v2R)?.notes).toEqual(['the $I gives 5 bytes, the $R holds 6']);
    expect(at(systemR)).toMatchObject({ sid: 'S-1-5-18', originalPath: 'C:\\Windows\\a.png', infoPath: systemInfo });
  });

  it("a folder in the bin: its photos and videos under the folder's original path", () => {
    expect(at(inFolder)).toMatchObject({ originalPath: 'E:\\DCIM\\101CANON\\IMG_0100.JPG', originalName: 'IMG_0100.JPG', deletedAt: new Date('2024-06-01T12:00:00Z'), infoPath: folderInfo, size: 6 });
    expect(at(clip)).toMatchObject({ originalPath: 'E:\\DCIM\\101CANON\\Clips\\clip one.mp4', originalName: 'clip one.mp4' });
  });

  it('a $R without its $I is listed with what is known; a bad $I is a note on its $R', () => {
    expect(at(noInfo)).toEqual({ kind: 'recycle-bin', path: noInfo, originalName: '$RNOINFO.jpg', size: 6, sid, notes: ['no $I file: the original path and deletion time are unknown'] });
    expect(at(badR)).toMatchObject({ originalName: '$RBAD001.jpg', infoPath: bad });
    expect(at(badR)?.originalPath).toBeUndefined();
    expect(at(badR)?.notes.join(' ')).toMatch(/name length 2147483648 is outside/);
  });

  it('nothing else: not the documents, desktop.ini, $I files, nor $R names outside a bin user folder', () => {
    expect(found.map((f) => f.path).sort()).toEqual([v1R, v2R, inFolder, clip, noInfo, badR, systemR].sort());
    expect(notes).toEqual([`${gone}: no $R beside it: the item (E:\\gone.jpg) is gone from the bin`]);
  });

  it('a walk started at the bin user folder itself finds the same items', async () => {
    const inside = await walk(join(tree.root, bin));
    expect(inside.found).toEqual(found.filter((f) => f.kind === 'recycle-bin' && f.sid === sid));
  });
});
