import type { HashKind, StoredObject } from '../backup-target.js';
import { BackupError } from '../errors.js';
import type { DriveFile } from './drive-api.js';

const MD5 = /^[0-9a-f]{32}$/i;
const SHA256 = /^[0-9a-f]{64}$/i;

/** Drive's int64 `size` (a decimal string) as a safe number; anything else is a protocol error. */
export function sizeOf(file: DriveFile): number {
  const text = file.size ?? '0';
  const size = /^\d{1,16}$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(size)) throw new BackupError(`Google Drive gave an unreadable size for ${file.name ?? 'a file'}: ${JSON.stringify(String(text).slice(0, 40))}.`);
  return size;
}

/** A Drive File as a StoredObject: the provider's own checksums (lower-case hex), only when well formed. */
export function storedObject(file: DriveFile, path: string): StoredObject {
  const hashes: Partial<Record<HashKind, string>> = {};
  if (file.sha256Checksum && SHA256.test(file.sha256Checksum)) hashes.sha256 = file.sha256Checksum.toLowerCase();
  if (file.md5Checksum && MD5.test(file.md5Checksum)) hashes.md5 = file.md5Checksum.toLowerCase();
  return {
    path,
    size: sizeOf(file),
    hashes,
    ...(file.id ? { id: file.id } : {}),
    ...(file.modifiedTime ? { modifiedAt: file.modifiedTime } : {}),
  };
}
