import Database from 'better-sqlite3';
import { readFileSync, truncateSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { mbFileRecord } from '../../testing/bplist-writer.js';
import { copyBackup, editManifestDb, listFolder, loadIphoneBackupManifest, sha256, storedFile as stored } from '../../testing/iphone-backup.js';
import { CorruptBackupError, NotABackupError, openIphoneBackup } from './index.js';
import { expectedFileId } from './stored-file.js';

const manifest = loadIphoneBackupManifest();
const copies: { cleanup(): void }[] = [];
afterEach(() => copies.splice(0).forEach((copy) => copy.cleanup()));
const copy = (kind: 'plain' | 'encrypted'): string => {
  const made = copyBackup(kind);
  copies.push(made);
  return made.folder;
};

const jpeg = manifest.cameraRoll.find((m) => m.storedName === 'IMG_0002.JPG')!;

describe('hostile and damaged backups end quickly with a clear error or notes', () => {
  it('a truncated or garbage Manifest.db is a CorruptBackupError', async () => {
    const folder = copy('plain');
    truncateSync(join(folder, 'Manifest.db'), 9000);
    await expect(listFolder(folder)).rejects.toThrow(CorruptBackupError);
    writeFileSync(join(folder, 'Manifest.db'), Buffer.alloc(5000, 0x41));
    await expect(listFolder(folder)).rejects.toThrow(/Manifest.db is not a SQLite database/);
  });

  it('a record claiming 2^40 bytes: the listing says so and reads only what the backup holds', async () => {
    const folder = copy('plain');
    const record = mbFileRecord({ size: 2 ** 40, birth: 1_718_524_800, modified: 1_718_524_800, relativePath: jpeg.relativePath });
    editManifestDb(folder, (db) => db.prepare('UPDATE Files SET file = ? WHERE fileID = ?').run(record, jpeg.fileId));
    const backup = await openIphoneBackup(folder);
    const item = (await listFolder(folder)).media.find((m) => m.fileId === jpeg.fileId)!;
    expect(item.size).toBe(jpeg.size);
    expect(item.notes.join()).toMatch(/Manifest.db gives 1099511627776 bytes, the backup holds 781/);
    const source = await backup.read(item);
    expect(sha256(await source.read(0, source.size))).toBe(jpeg.sha256);
    await source.close();
    await backup.close();
  });

  it('an oversized or unreadable record, a missing file and a fileID that is not a hash are notes, not crashes', async () => {
    const folder = copy('plain');
    const heic = manifest.cameraRoll.find((m) => m.storedName === 'IMG_0003.HEIC')!;
    const mp4 = manifest.cameraRoll.find((m) => m.storedName === 'IMG_0004.MP4')!;
    editManifestDb(folder, (db) => {
      db.prepare('UPDATE Files SET file = ? WHERE fileID = ?').run(Buffer.alloc(100_000, 1), jpeg.fileId);
      db.prepare('UPDATE Files SET file = ? WHERE fileID = ?').run(Buffer.from('bplist00 nothing'), mp4.fileId);
      db.prepare('UPDATE Files SET fileID = ? WHERE fileID = ?').run('../../../etc/passwd', heic.fileId);
    });
    unlinkSync(stored(folder, manifest.cameraRoll[0]!.fileId));
    const { media } = await listFolder(folder);
    const by = (name: string) => media.find((m) => m.storedName === name)!;
    expect(by('IMG_0002.JPG')).toMatchObject({ readable: true, size: jpeg.size });
    expect(by('IMG_0002.JPG').notes.join()).toMatch(/100000 bytes, too large/);
    expect(by('IMG_0004.MP4').notes.join()).toMatch(/Manifest.db record/);
    expect(by('IMG_0003.HEIC')).toMatchObject({ readable: false });
    expect(by('IMG_0003.HEIC').notes.join()).toMatch(/not the SHA-1.*not 40 hex digits/);
    expect(by('IMG_0001.HEIC')).toMatchObject({ readable: false });
    expect(by('IMG_0001.HEIC').notes.join()).toMatch(/does not hold it/);
    const backup = await openIphoneBackup(folder);
    await expect(backup.read(by('IMG_0001.HEIC'))).rejects.toThrow(CorruptBackupError);
    await backup.close();
  });

  it('a keybag asking for 2^32 PBKDF2 rounds is refused at once', async () => {
    const folder = copy('encrypted');
    const plist = readFileSync(join(folder, 'Manifest.plist'));
    const iter = plist.indexOf(Buffer.from('ITER\0\0\0\x04', 'latin1'));
    expect(iter).toBeGreaterThan(0);
    plist.writeUInt32BE(0xffffffff, iter + 8);
    writeFileSync(join(folder, 'Manifest.plist'), plist);
    await expect(listFolder(folder, manifest.password)).rejects.toThrow(/4294967295 PBKDF2 rounds in ITER/);
  });

  it('a truncated encrypted file is listed with a note about its padding', async () => {
    const folder = copy('encrypted');
    const mov = manifest.cameraRoll.find((m) => m.storedName === 'IMG_0001.MOV')!;
    truncateSync(stored(folder, mov.fileId), 2048);
    const item = (await listFolder(folder, manifest.password)).media.find((m) => m.fileId === mov.fileId)!;
    expect(item).toMatchObject({ readable: true, size: 2048 });
    expect(item.notes.join()).toMatch(/does not end in valid padding/);
  });

  it('a damaged Photos.sqlite costs the names and Recently Deleted marks, with a note, not the listing', async () => {
    const folder = copy('plain');
    const photos = expectedFileId('CameraRollDomain', 'Media/PhotoData/Photos.sqlite');
    writeFileSync(stored(folder, photos), Buffer.alloc(8192, 0x42));
    const { media, notes } = await listFolder(folder);
    expect(notes.join()).toMatch(/Photos.sqlite could not be read .*IMG_xxxx/);
    expect(media.map((m) => m.name)).toEqual(manifest.cameraRoll.map((m) => m.storedName));
    expect(media.some((m) => m.trashed)).toBe(false);
  });

  it('an original name that would climb out of a folder is not used as a name', async () => {
    const folder = copy('plain');
    const photos = new Database(stored(folder, expectedFileId('CameraRollDomain', 'Media/PhotoData/Photos.sqlite')));
    photos.prepare("UPDATE ZADDITIONALASSETATTRIBUTES SET ZORIGINALFILENAME = '../../evil.jpg' WHERE ZORIGINALFILENAME = 'Birthday cake.jpg'").run();
    photos.close();
    const item = (await listFolder(folder)).media.find((m) => m.fileId === jpeg.fileId)!;
    expect(item.name).toBe('IMG_0002.JPG');
    expect(item.notes.join()).toMatch(/not a plain file name/);
  });

  it('a camera roll of many pages is listed whole, in order, each row once (even two rows of one path)', async () => {
    const folder = copy('plain');
    editManifestDb(folder, (db) => {
      const insert = db.prepare("INSERT INTO Files VALUES (?, 'CameraRollDomain', ?, 1, ?)");
      db.pragma('synchronous = OFF');
      for (let i = 0; i < 700; i++) {
        const path = `Media/DCIM/102APPLE/IMG_${String(1000 + i).padStart(4, '0')}.JPG`;
        insert.run(expectedFileId('CameraRollDomain', path), path, mbFileRecord({ size: 10, birth: 1_700_000_000, modified: 1_700_000_000, relativePath: path }));
      }
      insert.run('f'.repeat(40), 'Media/DCIM/102APPLE/IMG_1000.JPG', null);
    });
    const { media } = await listFolder(folder);
    const extra = media.filter((m) => m.relativePath.startsWith('Media/DCIM/102APPLE/'));
    expect(extra).toHaveLength(701);
    expect(new Set(extra.map((m) => m.fileId)).size).toBe(701);
    expect(extra.map((m) => m.relativePath)).toEqual(extra.map((m) => m.relativePath).sort());
    expect(extra.every((m) => !m.readable)).toBe(true);
  });

  it('a folder from iOS 9 (Manifest.mbdb) or without Manifest.db is not a backup', async () => {
    const folder = copy('plain');
    unlinkSync(join(folder, 'Manifest.db'));
    await expect(listFolder(folder)).rejects.toThrow(NotABackupError);
    writeFileSync(join(folder, 'Manifest.mbdb'), 'mbdb\x05\x00');
    await expect(listFolder(folder)).rejects.toThrow(/iOS 9 or older/);
  });
});
