import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { ByteSource } from '../source/byte-source.js';
import { openFileSource } from '../source/file-source.js';
import { openCbcSource } from './cbc-source.js';
import { CorruptBackupError } from './errors.js';
import type { MbFile } from './mbfile.js';
import { splitWrappedKey, unwrapForClass } from './unlock.js';

/**
 * Where a backup keeps a file and how its bytes are read. A file is stored as
 * `<folder>/<first two hex digits of its fileID>/<fileID>`, fileID = SHA-1 of "<domain>-<relativePath>".
 * Plain backups store the bytes as they are; encrypted ones as AES-256-CBC under the file's own key.
 * The stored file is opened read-only; nothing is ever written into the backup folder.
 */
const FILE_ID = /^[0-9a-f]{40}$/;

export function expectedFileId(domain: string, relativePath: string): string {
  return createHash('sha1').update(`${domain}-${relativePath}`, 'utf8').digest('hex');
}

export function storedPath(folder: string, fileId: string): string {
  if (!FILE_ID.test(fileId)) throw new CorruptBackupError(`Manifest.db fileID "${fileId.slice(0, 60)}" is not 40 hex digits`);
  return join(folder, fileId.slice(0, 2), fileId);
}

export interface StoredContent {
  source: ByteSource;
  notes: string[];
}

/**
 * The plain bytes of a stored file, or undefined when the backup does not hold it (an interrupted
 * backup lists files it never copied). `classKeys` is present for an encrypted backup.
 */
export async function openStoredContent(
  folder: string,
  fileId: string,
  record: MbFile | undefined,
  classKeys: Map<number, Buffer> | undefined,
  what: string,
): Promise<StoredContent | undefined> {
  let raw: ByteSource;
  try {
    raw = await openFileSource(storedPath(folder, fileId));
  } catch (error) {
    if (((error as Error).cause as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') return undefined;
    throw error;
  }
  const notes: string[] = [];
  try {
    let source = raw;
    if (classKeys) {
      if (!record?.encryptionKey) throw new CorruptBackupError(`${what} has no EncryptionKey in Manifest.db although the backup is encrypted`);
      const { protectionClass, wrapped } = splitWrappedKey(record.encryptionKey, `${what}'s EncryptionKey`);
      if (record.protectionClass !== undefined && record.protectionClass !== protectionClass) {
        notes.push(`ProtectionClass ${record.protectionClass} differs from the class ${protectionClass} its EncryptionKey names; the key's class is used`);
      }
      const key = unwrapForClass(classKeys, protectionClass, wrapped, what);
      const opened = await openCbcSource(raw, key, what);
      if (!opened.paddingValid) notes.push('the last encrypted block does not end in valid padding: the file is damaged or truncated');
      source = opened.source;
    }
    if (record && record.size !== source.size) {
      notes.push(`Manifest.db gives ${record.size} bytes, the backup holds ${source.size}: reading the ${source.size} it holds`);
    }
    return { source, notes };
  } catch (error) {
    await raw.close();
    throw error;
  }
}
