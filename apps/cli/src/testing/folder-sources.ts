/**
 * Folders for the CLI's tests: the committed iPhone backups (fixtures/iphone-backup, read, never
 * patched), a folder with Android's trashed and pending files and a Windows Recycle Bin built in a
 * temp directory, and a snapshot (paths, sizes, mtimes, hashes) to show a folder was left as it was.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { repo } from './cli-harness.js';

export interface PhoneMedia {
  fileId: string;
  relativePath: string;
  size: number;
  sha256: string;
  name: string;
  modifiedAt: string;
  trashed?: { at: string; purgeAt: string };
  livePhotoPair?: string;
}

export const phoneManifest = (): { password: string; cameraRoll: PhoneMedia[]; leftOut: { relativePath: string }[] } =>
  JSON.parse(readFileSync(join(repo, 'fixtures/iphone-backup/iphone-backup.json'), 'utf8'));

export const phoneBackup = (kind: 'plain' | 'encrypted') => join(repo, 'fixtures/iphone-backup', kind, '00008110-001A2B3C4D5E6F70');

export const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Every file and folder under `folder` (path, size, mtime, sha256), sorted. */
export function snapshotFolder(folder: string): string[] {
  const lines: string[] = [];
  const walk = (at: string): void => {
    for (const name of readdirSync(at).sort()) {
      const path = join(at, name);
      const info = statSync(path);
      lines.push(`${relative(folder, path)} ${info.size} ${info.mtimeMs} ${info.isFile() ? sha256(readFileSync(path)) : 'dir'}`);
      if (info.isDirectory()) walk(path);
    }
  };
  walk(folder);
  return lines;
}

/** The files (not folders) under `folder`, relative, '/'-separated, sorted. */
export const filesUnder = (folder: string): string[] =>
  readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((p) => statSync(join(folder, p)).isFile())
    .map((p) => p.split('\\').join('/'))
    .sort();

/** A Recycle Bin `$I` file, version 2: version, size, FILETIME of deletion, path length with its NUL, UTF-16LE path. */
function recycleBinInfo(originalPath: string, size: number, deletedAt: string): Buffer {
  const path = Buffer.from(`${originalPath}\0`, 'utf16le');
  const header = Buffer.alloc(28);
  header.writeBigUInt64LE(2n, 0);
  header.writeBigUInt64LE(BigInt(size), 8);
  header.writeBigUInt64LE(BigInt(Date.parse(deletedAt)) * 10_000n + 116_444_736_000_000_000n, 16);
  header.writeUInt32LE(path.length / 2, 24);
  return Buffer.concat([header, path]);
}

export const TRASH_EXPIRES = '2024-07-10T08:00:00.000Z';
export const BIN_DELETED = '2024-05-04T10:20:30.000Z';

/**
 * Writes into `root` a phone's storage and a Windows drive: a trashed photo (MediaStore's hidden
 * name), a pending video, a live photo, a photo in `$Recycle.Bin/<SID>` with its `$I`, and a trashed
 * PDF. The photos are the iPhone fixture's real JPEGs and video. Returns what should come back, by path.
 */
export function writeLeftoverFolder(root: string): Map<string, string> {
  const media = new Map(phoneManifest().cameraRoll.map((m) => [m.name, readFileSync(join(phoneBackup('plain'), m.fileId.slice(0, 2), m.fileId))]));
  const put = (path: string, bytes: Buffer | string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), bytes);
    utimesSync(join(root, path), 1717200000, 1717200000);
  };
  const [jpeg, other, video] = ['Birthday cake.jpg', 'IMG_0101.JPG', 'IMG_0004.MP4'].map((name) => media.get(name) as Buffer) as [Buffer, Buffer, Buffer];
  const expires = Date.parse(TRASH_EXPIRES) / 1000;
  put(`DCIM/Camera/.trashed-${expires}-IMG_20240602_111111.jpg`, jpeg);
  put(`DCIM/Camera/.pending-${expires}-VID_20240612_093000.mp4`, video);
  put('DCIM/Camera/IMG_20240601_101010.jpg', other);
  put(`Download/.trashed-${expires}-report.pdf`, 'not a photo');
  const bin = '$Recycle.Bin/S-1-5-21-1004336348-1177238915-682003330-1001';
  put(`${bin}/$RAB12CD.JPG`, other);
  put(`${bin}/$IAB12CD.JPG`, recycleBinInfo('C:\\Users\\anna\\Pictures\\Holiday\\beach.jpg', other.length, BIN_DELETED));
  return new Map([
    ['DCIM/Camera/IMG_20240602_111111.jpg', sha256(jpeg)],
    ['DCIM/Camera/VID_20240612_093000.mp4', sha256(video)],
    ['Users/anna/Pictures/Holiday/beach.jpg', sha256(other)],
  ]);
}
