/**
 * Folder sources for the agent's tests: the committed iPhone backups (fixtures/iphone-backup, built
 * by tools/fixtures/build-iphone-backup-fixtures.mjs; read, never patched), a folder with Android's
 * trashed and pending files and a Windows Recycle Bin built in a temp directory, and a snapshot of a
 * folder (paths, sizes, mtimes, hashes) to show a scan and a recovery left it as it was.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import type { AgentServices, Finding, ScanState } from '@afterimage/contracts';

const fixtures = resolve(import.meta.dirname, '../../../../fixtures/iphone-backup');

export interface PhoneFixtureMedia {
  fileId: string;
  relativePath: string;
  size: number;
  sha256: string;
  name: string;
  kind: 'photo' | 'video';
  createdAt: string;
  modifiedAt: string;
  trashed?: { at: string; purgeAt: string };
  livePhotoPair?: string;
}

export const phoneManifest = (): { password: string; info: { deviceName: string }; cameraRoll: PhoneFixtureMedia[]; leftOut: { relativePath: string }[] } =>
  JSON.parse(readFileSync(join(fixtures, 'iphone-backup.json'), 'utf8'));

export const phoneBackup = (kind: 'plain' | 'encrypted'): string => join(fixtures, kind, '00008110-001A2B3C4D5E6F70');

export const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** Every file and folder under `folder`: path, size, mtime and (files) sha256, sorted. */
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

/** A Recycle Bin `$I` file, version 2 (Windows 10): version, size, FILETIME of deletion, path length with its NUL, UTF-16LE path. */
export function recycleBinInfo(originalPath: string, size: number, deletedAt: string): Buffer {
  const path = Buffer.from(`${originalPath}\0`, 'utf16le');
  const header = Buffer.alloc(28);
  header.writeBigUInt64LE(2n, 0);
  header.writeBigUInt64LE(BigInt(size), 8);
  header.writeBigUInt64LE(BigInt(Date.parse(deletedAt)) * 10_000n + 116_444_736_000_000_000n, 16);
  header.writeUInt32LE(path.length / 2, 24);
  return Buffer.concat([header, path]);
}

export interface LeftoverFolder {
  root: string;
  /** The real photo and video bytes put in it, by the name each should come back under. */
  files: Map<string, { bytes: Buffer; originalPath: string }>;
  cleanup(): void;
}

const seconds = (iso: string) => Date.parse(iso) / 1000;
export const TRASH_EXPIRES = '2024-07-10T08:00:00.000Z';
export const PENDING_EXPIRES = '2024-06-19T09:30:00.000Z';
export const BIN_DELETED = '2024-05-04T10:20:30.000Z';

/**
 * A phone's storage and a Windows drive copied into one folder: a trashed photo and a pending video
 * (MediaStore's hidden names), a live photo beside them, a photo in `$Recycle.Bin/<SID>` with its
 * `$I`, and things that are no photo. The photos are the iPhone fixture's real JPEGs and video.
 */
export function leftoverFolder(): LeftoverFolder {
  const root = mkdtempSync(join(tmpdir(), 'afterimage-leftovers-'));
  const media = new Map(phoneManifest().cameraRoll.map((m) => [m.name, readFileSync(join(phoneBackup('plain'), m.fileId.slice(0, 2), m.fileId))]));
  const put = (path: string, bytes: Buffer | string, mtime = seconds('2024-06-01T00:00:00Z')) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), bytes);
    utimesSync(join(root, path), mtime, mtime);
  };
  const jpeg = media.get('Birthday cake.jpg') as Buffer;
  const other = media.get('IMG_0101.JPG') as Buffer;
  const video = media.get('IMG_0004.MP4') as Buffer;
  put(`DCIM/Camera/.trashed-${seconds(TRASH_EXPIRES)}-IMG_20240602_111111.jpg`, jpeg, seconds('2024-06-02T11:11:11Z'));
  put(`DCIM/Camera/.pending-${seconds(PENDING_EXPIRES)}-VID_20240612_093000.mp4`, video);
  put('DCIM/Camera/IMG_20240601_101010.jpg', other);
  put(`Download/.trashed-${seconds(TRASH_EXPIRES)}-report.pdf`, 'not a photo');
  const bin = '$Recycle.Bin/S-1-5-21-1004336348-1177238915-682003330-1001';
  put(`${bin}/$RAB12CD.JPG`, other);
  put(`${bin}/$IAB12CD.JPG`, recycleBinInfo('C:\\Users\\anna\\Pictures\\Holiday\\beach.jpg', other.length, BIN_DELETED));
  return {
    root,
    files: new Map([
      ['IMG_20240602_111111.jpg', { bytes: jpeg, originalPath: '/DCIM/Camera/IMG_20240602_111111.jpg' }],
      ['VID_20240612_093000.mp4', { bytes: video, originalPath: '/DCIM/Camera/VID_20240612_093000.mp4' }],
      ['beach.jpg', { bytes: other, originalPath: '/Users/anna/Pictures/Holiday/beach.jpg' }],
    ]),
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
}

/** Follows a scan to its end: its findings in the order they came, and its final state. */
export async function scanToEnd(services: AgentServices, scanId: string): Promise<{ findings: Finding[]; state: ScanState }> {
  const findings: Finding[] = [];
  for await (const { event } of services.scanEvents({ scanId }, undefined)) {
    if (event.type === 'finding') findings.push(event.finding);
    if (event.type === 'done') return { findings, state: event.state };
  }
  throw new Error(`the events of ${scanId} ended without a done event`);
}
