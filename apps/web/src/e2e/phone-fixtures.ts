import { createHash } from 'node:crypto';
import { cp, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { workspaceRoot } from './processes';

export interface CameraRollItem {
  fileId: string;
  relativePath: string;
  size: number;
  sha256: string;
  name: string;
  kind: 'photo' | 'video';
  livePhotoPair?: string;
  trashed?: { at: string; purgeAt: string };
}

/** fixtures/iphone-backup/iphone-backup.json: what the committed backups hold, and the encrypted one's password. */
export interface BackupManifest {
  backups: { plain: string; encrypted: string };
  password: string;
  info: { deviceName: string; udid: string };
  cameraRoll: CameraRollItem[];
}

const FIXTURES = resolve(workspaceRoot, 'fixtures/iphone-backup');
export const backupManifest = JSON.parse(await readFile(join(FIXTURES, 'iphone-backup.json'), 'utf8')) as BackupManifest;

/** A private copy of a committed backup folder (named after the phone's id, as Finder names it) under `parent`. */
export async function copyBackup(kind: 'plain' | 'encrypted', parent: string): Promise<string> {
  const folder = join(parent, backupManifest.info.udid);
  await mkdir(parent, { recursive: true });
  await cp(join(FIXTURES, backupManifest.backups[kind]), folder, { recursive: true, preserveTimestamps: true });
  return folder;
}

/** Every file under `dir` with its size, change time and hash: equal snapshots mean nothing was written. */
export async function treeSnapshot(dir: string): Promise<Record<string, string>> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  const out: Record<string, string> = {};
  for (const e of entries.sort((a, b) => join(a.parentPath, a.name).localeCompare(join(b.parentPath, b.name)))) {
    const path = join(e.parentPath, e.name);
    const info = await stat(path);
    out[relative(dir, path)] = e.isFile() ? `${info.size} ${info.mtimeMs} ${createHash('sha256').update(await readFile(path)).digest('hex')}` : `dir ${info.mtimeMs}`;
  }
  return out;
}

/** A Windows 10 `$I` file (version 2): size, deletion time as a FILETIME, the original path with its NUL. */
function recycleBinInfo(originalPath: string, size: number, deletedAt: string): Buffer {
  const path = Buffer.from(`${originalPath}\0`, 'utf16le');
  const head = Buffer.alloc(28);
  head.writeBigUInt64LE(2n, 0);
  head.writeBigUInt64LE(BigInt(size), 8);
  head.writeBigUInt64LE((BigInt(Date.parse(deletedAt)) + 11_644_473_600_000n) * 10_000n, 16);
  head.writeUInt32LE(originalPath.length + 1, 24);
  return Buffer.concat([head, path]);
}

/** What the leftovers folder holds: each file, the trash that kept it and the dates the names and `$I` give. */
export const LEFTOVERS = {
  androidTrash: { name: 'IMG_20240602_111111.jpg', expires: '2024-07-10T08:00:00.000Z' },
  androidPending: { name: 'VID_20240612_093000.mp4', expires: '2024-06-19T09:30:00.000Z' },
  recycleBin: { name: 'Holiday.jpg', deletedAt: '2024-06-02T12:00:00.000Z' },
} as const;

/**
 * A folder copied from a phone and a Windows drive, written here from the backup fixture's media: a
 * photo in Android's trash (`.trashed-<expiry>-name`), a video an app never finished
 * (`.pending-<expiry>-name`), and a Recycle Bin pair (`$R…` with its `$I…`).
 */
export async function makeLeftoversFolder(folder: string): Promise<{ sha256: string[] }> {
  const stored = (name: string) => {
    const item = backupManifest.cameraRoll.find((m) => m.name === name);
    if (!item) throw new Error(`${name} is not in the backup fixture`);
    return readFile(join(FIXTURES, backupManifest.backups.plain, item.fileId.slice(0, 2), item.fileId));
  };
  const [photo, video, other] = await Promise.all([stored('Birthday cake.jpg'), stored('IMG_0004.MP4'), stored('IMG_0101.JPG')]);
  const seconds = (iso: string) => Date.parse(iso) / 1000;
  const camera = join(folder, 'Phone', 'DCIM', 'Camera');
  const bin = join(folder, 'Drive', '$Recycle.Bin', 'S-1-5-21-1004336348-1177238915-682003330-1001');
  await mkdir(camera, { recursive: true });
  await mkdir(bin, { recursive: true });
  const { androidTrash, androidPending, recycleBin } = LEFTOVERS;
  await writeFile(join(camera, `.trashed-${seconds(androidTrash.expires)}-${androidTrash.name}`), photo);
  await writeFile(join(camera, `.pending-${seconds(androidPending.expires)}-${androidPending.name}`), video);
  await writeFile(join(bin, '$R8K2Q1Z.jpg'), other);
  await writeFile(join(bin, '$I8K2Q1Z.jpg'), recycleBinInfo(`C:\\Users\\me\\Pictures\\${recycleBin.name}`, other.length, recycleBin.deletedAt));
  const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
  return { sha256: [photo, video, other].map(sha) };
}
