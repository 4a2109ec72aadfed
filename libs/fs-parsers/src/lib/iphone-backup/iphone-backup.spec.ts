import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { expectGolden } from '../../testing/golden.js';
import { committedBackup, loadIphoneBackupManifest, sha256, snapshotFolder } from '../../testing/iphone-backup.js';
import type { ByteSource } from '../source/byte-source.js';
import { type IphoneBackup, NeedsPasswordError, NotABackupError, type PhoneMedia, WrongPasswordError, isIphoneBackup, openIphoneBackup } from './index.js';

const manifest = loadIphoneBackupManifest();
const plainFolder = committedBackup('plain');
const encryptedFolder = committedBackup('encrypted');
const scratch = mkdtempSync(join(tmpdir(), 'iphone-backup-spec-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function list(backup: IphoneBackup): Promise<PhoneMedia[]> {
  const media: PhoneMedia[] = [];
  for await (const item of backup.cameraRoll()) media.push(item);
  return media;
}

async function readAll(source: ByteSource): Promise<Buffer> {
  try {
    return await source.read(0, source.size);
  } finally {
    await source.close();
  }
}

async function withBackup<T>(folder: string, use: (backup: IphoneBackup) => Promise<T>, password?: string): Promise<T> {
  const backup = await openIphoneBackup(folder, password === undefined ? {} : { password });
  try {
    return await use(backup);
  } finally {
    await backup.close();
  }
}

/** What a user checks of each item, in the manifest's own words. */
const userView = (media: PhoneMedia) => ({
  fileId: media.fileId,
  relativePath: media.relativePath,
  size: media.size,
  storedName: media.storedName,
  name: media.name,
  kind: media.kind,
  createdAt: media.times.createdAt,
  modifiedAt: media.times.modifiedAt,
  ...(media.trashed ? { trashed: media.trashed } : {}),
  ...(media.livePhotoPair ? { livePhotoPair: media.livePhotoPair } : {}),
});
const expected = manifest.cameraRoll.map(({ sha256: _hash, ...rest }) => rest);

describe('a plain iPhone backup (fixtures/iphone-backup/plain)', () => {
  it('is recognised, and says which device and when', async () => {
    expect(await isIphoneBackup(plainFolder)).toBe(true);
    await withBackup(plainFolder, async (backup) => {
      expect(backup.info).toEqual({ ...manifest.info, encrypted: false, finished: true });
      expect(backup.notes).toEqual([]);
    });
  });

  it('lists the camera roll with the names and dates the phone knows, Recently Deleted and Live Photo pairs', async () => {
    await withBackup(plainFolder, async (backup) => {
      const media = await list(backup);
      expect(media.map(userView)).toEqual(expected);
      expect(media.every((item) => item.readable && item.notes.length === 0 && item.domain === 'CameraRollDomain')).toBe(true);
      const cake = media.find((item) => item.storedName === 'IMG_0002.JPG');
      expect(cake?.name).toBe('Birthday cake.jpg');
      const trashed = media.filter((item) => item.trashed);
      expect(trashed.map((item) => [item.storedName, item.trashed])).toEqual([
        ['IMG_0003.HEIC', { at: '2024-06-20T08:15:30.000Z', purgeAt: '2024-07-20T08:15:30.000Z' }],
      ]);
      await expectGolden(import.meta.dirname, 'plain-camera-roll', `${JSON.stringify(media, null, 1)}\n`);
    });
  });

  it('leaves out everything that is not a camera-roll photo or video', async () => {
    await withBackup(plainFolder, async (backup) => {
      const listed = new Set((await list(backup)).map((item) => item.relativePath));
      for (const other of manifest.leftOut) expect(listed.has(other.relativePath), other.relativePath).toBe(false);
      expect(backup.leftOut()).toEqual({ folder: 2, '.aae file': 1 });
    });
  });

  it('reads each file whole, and any slice of it, with the bytes the phone had', async () => {
    await withBackup(plainFolder, async (backup) => {
      for (const item of await list(backup)) {
        const bytes = await readAll(await backup.read(item));
        expect(sha256(bytes), item.relativePath).toBe(manifest.cameraRoll.find((m) => m.relativePath === item.relativePath)?.sha256);
      }
    });
  });
});

describe('an encrypted iPhone backup (fixtures/iphone-backup/encrypted)', () => {
  it('asks for the password when none is given, in plain words', async () => {
    const error = await openIphoneBackup(encryptedFolder).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NeedsPasswordError);
    expect((error as Error).message).toMatch(/encrypted: give the backup password/);
  });

  it('refuses a wrong password with a clear WrongPasswordError', async () => {
    const error = await openIphoneBackup(encryptedFolder, { password: 'Correct horse battery staple' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WrongPasswordError);
    expect((error as WrongPasswordError).code).toBe('WRONG_PASSWORD');
    expect((error as Error).message).toMatch(/password does not open/);
  });

  it('with the password lists what the plain backup lists, and gives identical bytes, whole and in slices', async () => {
    const plain = await withBackup(plainFolder, async (backup) => list(backup));
    await withBackup(
      encryptedFolder,
      async (backup) => {
        expect(backup.info.encrypted).toBe(true);
        const media = await list(backup);
        expect(media).toEqual(plain);
        for (const item of media) {
          const want = manifest.cameraRoll.find((m) => m.relativePath === item.relativePath);
          const source = await backup.read(item);
          expect(source.size).toBe(want?.size);
          expect((await source.read(17, 40)).equals((await source.read(0, source.size)).subarray(17, 57))).toBe(true);
          expect(sha256(await readAll(source)), item.relativePath).toBe(want?.sha256);
        }
      },
      manifest.password,
    );
  });
});

describe('reading a backup never changes it', () => {
  it('leaves every file, size and mtime of both backup folders as it was, and removes its working copies', async () => {
    const before = [snapshotFolder(plainFolder), snapshotFolder(encryptedFolder)];
    const temp = mkdtempSync(join(scratch, 'work-'));
    for (const [folder, password] of [[plainFolder, undefined], [encryptedFolder, manifest.password]] as const) {
      const backup = await openIphoneBackup(folder, { ...(password ? { password } : {}), tempDir: temp });
      expect(readdirSync(temp)).toHaveLength(1);
      // Reading while the listing is under way: no SQLite cursor stays open between two items.
      for await (const item of backup.cameraRoll()) await readAll(await backup.read(item));
      await backup.close();
      expect(readdirSync(temp)).toEqual([]);
    }
    expect([snapshotFolder(plainFolder), snapshotFolder(encryptedFolder)]).toEqual(before);
  });

  it('says what is not a backup, and honours an abort', async () => {
    const file = join(scratch, 'not-a-folder');
    writeFileSync(file, 'x');
    expect(await isIphoneBackup(scratch)).toBe(false);
    await expect(openIphoneBackup(scratch)).rejects.toBeInstanceOf(NotABackupError);
    await expect(openIphoneBackup(file)).rejects.toThrow(/not a folder/);
    await expect(openIphoneBackup(encryptedFolder, { password: manifest.password, signal: AbortSignal.abort() })).rejects.toThrow(/abort/i);
  });
});
