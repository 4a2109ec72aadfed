import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { FsParserError } from '../errors.js';
import { type ByteSource, readExact } from '../source/byte-source.js';
import { openFileSource } from '../source/file-source.js';
import { openCbcSource } from './cbc-source.js';
import { CorruptBackupError } from './errors.js';
import { CAMERA_ROLL_DOMAIN, ManifestDb } from './manifest-db.js';
import { parseMbFile } from './mbfile.js';
import { PHOTOS_DB_PATH, type PhotoAssets, readPhotoAssets } from './photos-db.js';
import { type PlistDict, dataAt } from './plist-value.js';
import { isSqliteHeader, openSqliteCopy } from './sqlite.js';
import { openStoredContent } from './stored-file.js';
import type { TempFolder } from './temp-copy.js';
import { splitWrappedKey, unwrapForClass } from './unlock.js';

/**
 * The two databases, each brought into the private temporary folder before SQLite sees it:
 * Manifest.db (decrypted with Manifest.plist's ManifestKey since iOS 10.2) and Photos.sqlite (a
 * file of the backup like any other, with its -wal beside it when the backup holds one).
 */
const EXISTS = (path: string): Promise<boolean> => access(path).then(() => true, () => false);

async function checkedHeader(source: ByteSource, what: string, hint: string): Promise<void> {
  if (source.size < 100) throw new CorruptBackupError(`${what} is ${source.size} bytes: too short to be a database`);
  if (!isSqliteHeader(await readExact(source, 0, 16, `${what} header`))) throw new CorruptBackupError(`${what} is not a SQLite database${hint}`);
}

export async function openManifestDb(folder: string, manifest: PlistDict, classKeys: Map<number, Buffer> | undefined, temp: TempFolder, signal?: AbortSignal): Promise<ManifestDb> {
  const raw = await openFileSource(join(folder, 'Manifest.db'));
  let source = raw;
  try {
    const manifestKey = dataAt(manifest, 'ManifestKey');
    if (classKeys && manifestKey) {
      const { protectionClass, wrapped } = splitWrappedKey(manifestKey, 'Manifest.plist ManifestKey');
      const key = unwrapForClass(classKeys, protectionClass, wrapped, 'Manifest.db');
      source = (await openCbcSource(raw, key, 'Manifest.db')).source;
      await checkedHeader(source, 'Manifest.db', ' once decrypted with the ManifestKey: it is damaged');
    } else {
      await checkedHeader(source, 'Manifest.db', classKeys ? ' and Manifest.plist has no ManifestKey to decrypt it' : '');
    }
    const path = await temp.copy(source, 'Manifest.db', signal);
    const wal = join(folder, 'Manifest.db-wal');
    if (!classKeys && (await EXISTS(wal))) {
      const walSource = await openFileSource(wal);
      await temp.copy(walSource, 'Manifest.db-wal', signal).finally(() => walSource.close());
    }
    return ManifestDb.open(path);
  } finally {
    await source.close();
  }
}

/** Photos.sqlite's assets, or undefined with a note when the backup has none or it cannot be read. */
export async function loadPhotoAssets(
  folder: string,
  manifest: ManifestDb,
  classKeys: Map<number, Buffer> | undefined,
  temp: TempFolder,
  notes: string[],
  signal?: AbortSignal,
): Promise<PhotoAssets | undefined> {
  const fallback = 'camera-roll names (IMG_xxxx) are used and nothing is marked Recently Deleted';
  try {
    if (!(await copyStored(folder, manifest, PHOTOS_DB_PATH, classKeys, temp, 'Photos.sqlite', signal, true))) {
      notes.push(`the backup holds no ${PHOTOS_DB_PATH}: ${fallback}`);
      return undefined;
    }
    await copyStored(folder, manifest, `${PHOTOS_DB_PATH}-wal`, classKeys, temp, 'Photos.sqlite-wal', signal, false);
    const db = openSqliteCopy(join(temp.path, 'Photos.sqlite'), 'Photos.sqlite');
    try {
      const assets = readPhotoAssets(db, signal);
      notes.push(...assets.notes);
      return assets;
    } finally {
      db.close();
    }
  } catch (error) {
    if (!(error instanceof FsParserError)) throw error;
    notes.push(`Photos.sqlite could not be read (${error.message}): ${fallback}`);
    return undefined;
  }
}

async function copyStored(
  folder: string,
  manifest: ManifestDb,
  relativePath: string,
  classKeys: Map<number, Buffer> | undefined,
  temp: TempFolder,
  name: string,
  signal: AbortSignal | undefined,
  database: boolean,
): Promise<boolean> {
  const row = manifest.find(CAMERA_ROLL_DOMAIN, relativePath);
  if (!row) return false;
  const record = row.file ? parseMbFile(row.file, relativePath) : undefined;
  const content = await openStoredContent(folder, row.fileId, record, classKeys, relativePath);
  if (!content) return false;
  try {
    if (database) await checkedHeader(content.source, relativePath, '');
    await temp.copy(content.source, name, signal);
    return true;
  } finally {
    await content.source.close();
  }
}
