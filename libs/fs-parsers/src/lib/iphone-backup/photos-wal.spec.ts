import Database from 'better-sqlite3';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { mbFileRecord } from '../../testing/bplist-writer.js';
import { copyBackup, editManifestDb, listFolder, snapshotFolder, storedFile as stored } from '../../testing/iphone-backup.js';
import { expectedFileId } from './stored-file.js';

const backup = copyBackup('plain');
afterAll(() => backup.cleanup());

describe('a Photos.sqlite with its write-ahead log in the backup', () => {
  it('reads the log (a photo trashed only in the -wal shows as trashed) and writes nothing into the backup', async () => {
    const folder = backup.folder;
    const photosPath = stored(folder, expectedFileId('CameraRollDomain', 'Media/PhotoData/Photos.sqlite'));
    const scratch = `${photosPath}.work`;
    mkdirSync(scratch);
    const work = join(scratch, 'Photos.sqlite');
    writeFileSync(work, readFileSync(photosPath));
    const db = new Database(work);
    db.pragma('journal_mode = WAL');
    db.prepare("UPDATE ZASSET SET ZTRASHEDSTATE = 1, ZTRASHEDDATE = 740000000 WHERE ZFILENAME = 'IMG_0004.MP4'").run();
    const main = readFileSync(work);
    const wal = readFileSync(`${work}-wal`);
    db.close();
    rmSync(scratch, { recursive: true });
    writeFileSync(photosPath, main);
    const walId = expectedFileId('CameraRollDomain', 'Media/PhotoData/Photos.sqlite-wal');
    mkdirSync(join(folder, walId.slice(0, 2)), { recursive: true });
    writeFileSync(stored(folder, walId), wal);
    const record = mbFileRecord({ size: wal.length, birth: 1_718_996_400, modified: 1_718_996_400, relativePath: 'Media/PhotoData/Photos.sqlite-wal' });
    editManifestDb(folder, (manifestDb) =>
      manifestDb.prepare('INSERT INTO Files VALUES (?, ?, ?, 1, ?)').run(walId, 'CameraRollDomain', 'Media/PhotoData/Photos.sqlite-wal', record),
    );
    const before = snapshotFolder(folder);
    const { media, notes } = await listFolder(folder);
    expect(notes).toEqual([]);
    expect(media.find((m) => m.storedName === 'IMG_0004.MP4')?.trashed).toEqual({ at: '2024-06-13T19:33:20.000Z', purgeAt: '2024-07-13T19:33:20.000Z' });
    expect(snapshotFolder(folder)).toEqual(before);
  });
});
