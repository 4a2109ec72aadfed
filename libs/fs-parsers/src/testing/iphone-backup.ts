/**
 * Test helpers for iPhone backups: the two backups built by
 * tools/fixtures/build-iphone-backup-fixtures.mjs (fixtures/iphone-backup/, committed as folders),
 * their manifest, temporary copies to patch, and a snapshot of a folder (paths, sizes, mtimes,
 * hashes) to show a read left it untouched.
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { type PhoneMedia, openIphoneBackup } from '../lib/iphone-backup/index.js';

const dir = resolve(import.meta.dirname, '../../../../fixtures/iphone-backup');

export interface IphoneBackupManifestMedia {
  fileId: string;
  relativePath: string;
  size: number;
  sha256: string;
  storedName: string;
  name: string;
  kind: 'photo' | 'video';
  createdAt: string;
  modifiedAt: string;
  trashed?: { at: string; purgeAt: string };
  livePhotoPair?: string;
}

export interface IphoneBackupManifest {
  note: string;
  backups: { plain: string; encrypted: string };
  password: string;
  keybag: { ITER: number; DPIC: number };
  info: { deviceName: string; productType: string; iosVersion: string; serialNumber: string; udid: string; date: string };
  cameraRoll: IphoneBackupManifestMedia[];
  leftOut: { domain: string; relativePath: string; why: string }[];
}

export const loadIphoneBackupManifest = (): IphoneBackupManifest =>
  JSON.parse(readFileSync(join(dir, 'iphone-backup.json'), 'utf8')) as IphoneBackupManifest;

/** The committed backup folder (read it, never patch it). */
export const committedBackup = (kind: 'plain' | 'encrypted'): string => join(dir, loadIphoneBackupManifest().backups[kind]);

/** A temporary copy of a backup, to patch; `cleanup()` removes it. */
export function copyBackup(kind: 'plain' | 'encrypted'): { folder: string; cleanup(): void } {
  const parent = mkdtempSync(join(tmpdir(), 'afterimage-iphone-fixture-'));
  const folder = join(parent, loadIphoneBackupManifest().info.udid);
  cpSync(committedBackup(kind), folder, { recursive: true });
  return { folder, cleanup: () => rmSync(parent, { recursive: true, force: true }) };
}

export const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** Every file and folder under `folder`: path, size, mtime, sha256 (files), sorted. */
export function snapshotFolder(folder: string): string[] {
  const lines: string[] = [];
  const walk = (at: string): void => {
    for (const name of readdirSync(at).sort()) {
      const path = join(at, name);
      const info = statSync(path);
      const hash = info.isFile() ? sha256(readFileSync(path)) : 'dir';
      lines.push(`${relative(folder, path)} ${info.size} ${info.mtimeMs} ${hash}`);
      if (info.isDirectory()) walk(path);
    }
  };
  walk(folder);
  return lines;
}

/** Where a backup stores the file with this fileID. */
export const storedFile = (folder: string, fileId: string): string => join(folder, fileId.slice(0, 2), fileId);

/** Runs `change` on a (plain) backup copy's Manifest.db, in place. */
export function editManifestDb(folder: string, change: (db: Database.Database) => void): void {
  const db = new Database(join(folder, 'Manifest.db'));
  try {
    change(db);
  } finally {
    db.close();
  }
}

/** Opens, lists the camera roll and closes: the media and the backup's notes. */
export async function listFolder(folder: string, password?: string): Promise<{ media: PhoneMedia[]; notes: readonly string[] }> {
  const backup = await openIphoneBackup(folder, password ? { password } : {});
  try {
    const media: PhoneMedia[] = [];
    for await (const item of backup.cameraRoll()) media.push(item);
    return { media, notes: backup.notes };
  } finally {
    await backup.close();
  }
}
