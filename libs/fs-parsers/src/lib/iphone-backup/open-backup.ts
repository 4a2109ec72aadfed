import { access, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ByteSource } from '../source/byte-source.js';
import { loadPhotoAssets, openManifestDb } from './backup-databases.js';
import { type IphoneBackupInfo, readBackupInfo, readPlistFile } from './backup-info.js';
import { listCameraRoll } from './camera-roll.js';
import { CorruptBackupError, NeedsPasswordError, NotABackupError } from './errors.js';
import { parseKeybag } from './keybag.js';
import { parseMbFile } from './mbfile.js';
import type { PhoneMedia } from './phone-media.js';
import { type PlistDict, dataAt } from './plist-value.js';
import { openStoredContent } from './stored-file.js';
import { makeTempFolder } from './temp-copy.js';
import { passcodeKey, unlockClassKeys } from './unlock.js';

export interface OpenIphoneBackupOptions {
  /** The backup password set in Finder / iTunes; required when the backup is encrypted. */
  password?: string;
  signal?: AbortSignal;
  /** Where the private working copies of the databases go (default: the OS temp folder). */
  tempDir?: string;
}

export interface IphoneBackup {
  readonly folder: string;
  readonly info: IphoneBackupInfo;
  /** What was odd about the backup as a whole (no Photos.sqlite, an unfinished backup…). */
  readonly notes: readonly string[];
  /** The camera roll's photos and videos, one camera folder after another. */
  cameraRoll(options?: { signal?: AbortSignal }): AsyncIterable<PhoneMedia>;
  /** What the last cameraRoll() listing left out, by reason (".aae file": 2, "folder": 3…). */
  leftOut(): Record<string, number>;
  /** The media's bytes (decrypted, exactly `size` of them), read-only, random access; close it after use. */
  read(media: Pick<PhoneMedia, 'fileId' | 'relativePath'>): Promise<ByteSource>;
  /** Closes the catalogue and removes the private working copies. */
  close(): Promise<void>;
}

const exists = (path: string): Promise<boolean> => access(path).then(() => true, () => false);

async function manifestOf(folder: string): Promise<PlistDict> {
  const isFolder = await stat(folder).then((s) => s.isDirectory(), () => false);
  if (!isFolder) throw new NotABackupError(`${folder} is not a folder: point at the backup folder that holds Manifest.db`);
  const [plist, db] = await Promise.all([exists(join(folder, 'Manifest.plist')), exists(join(folder, 'Manifest.db'))]);
  if (!db && (await exists(join(folder, 'Manifest.mbdb')))) {
    throw new NotABackupError(`${folder} is a backup from iOS 9 or older (Manifest.mbdb), which Afterimage does not read`);
  }
  if (!plist || !db) throw new NotABackupError(`${folder} is not an iPhone or iPad backup: it has no ${plist ? 'Manifest.db' : 'Manifest.plist'}`);
  return readPlistFile(join(folder, 'Manifest.plist'), 'Manifest.plist');
}

/** True when `folder` holds a Finder / iTunes backup this reader opens (Manifest.plist and Manifest.db). Never throws. */
export async function isIphoneBackup(folder: string): Promise<boolean> {
  return manifestOf(folder).then(() => true, () => false);
}

async function unlock(folder: string, manifest: PlistDict, options: OpenIphoneBackupOptions): Promise<Map<number, Buffer>> {
  if (!options.password) throw new NeedsPasswordError(folder);
  const blob = dataAt(manifest, 'BackupKeyBag');
  if (!blob) throw new CorruptBackupError('Manifest.plist says the backup is encrypted but holds no BackupKeyBag');
  const keybag = parseKeybag(blob);
  return unlockClassKeys(keybag, await passcodeKey(keybag, options.password, options.signal), folder);
}

/** Opens a backup folder read-only. Nothing is ever written into it; databases are read from private copies. */
export async function openIphoneBackup(folder: string, options: OpenIphoneBackupOptions = {}): Promise<IphoneBackup> {
  const manifestPlist = await manifestOf(folder);
  const notes: string[] = [];
  const info = await readBackupInfo(folder, manifestPlist, notes);
  const classKeys = info.encrypted ? await unlock(folder, manifestPlist, options) : undefined;
  const temp = await makeTempFolder(options.tempDir);
  try {
    const manifest = await openManifestDb(folder, manifestPlist, classKeys, temp, options.signal);
    const assets = await loadPhotoAssets(folder, manifest, classKeys, temp, notes, options.signal).catch((error: unknown) => {
      manifest.close();
      throw error;
    });
    let leftOut = new Map<string, number>();
    return {
      folder,
      info,
      notes,
      cameraRoll(listing = {}) {
        leftOut = new Map();
        const signal = listing.signal ?? options.signal;
        return listCameraRoll({ folder, manifest, assets, classKeys, leftOut, ...(signal ? { signal } : {}) });
      },
      leftOut: () => Object.fromEntries(leftOut),
      async read(media) {
        const row = manifest.byFileId(media.fileId);
        if (!row || row.relativePath !== media.relativePath) throw new CorruptBackupError(`${media.relativePath} (${media.fileId}) is not in this backup's Manifest.db`);
        const record = row.file ? parseMbFile(row.file, row.relativePath) : undefined;
        const content = await openStoredContent(folder, row.fileId, record, classKeys, row.relativePath);
        if (!content) throw new CorruptBackupError(`${row.relativePath} is listed in Manifest.db but the backup folder does not hold it`);
        return content.source;
      },
      async close() {
        manifest.close();
        await temp.remove();
      },
    };
  } catch (error) {
    await temp.remove();
    throw error;
  }
}
