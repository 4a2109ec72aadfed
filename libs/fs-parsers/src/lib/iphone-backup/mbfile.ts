import { CorruptBackupError } from './errors.js';
import { parsePlistDict } from './plist.js';
import { type PlistDict, type PlistValue, PlistUid, dataAt, isDict, numberAt } from './plist-value.js';
import { unixTimeToIso } from './apple-time.js';

/**
 * A Manifest.db `Files.file` blob: an NSKeyedArchiver binary plist of an MBFile (`$top.root` → an
 * object in `$objects` whose fields are values or UIDs into `$objects`): Size, Birth, LastModified,
 * LastStatusChange (Unix seconds), Mode, ProtectionClass and, in encrypted backups, EncryptionKey
 * (an NSData: 4-byte class + RFC 3394-wrapped file key).
 */
export interface MbFile {
  size: number;
  createdAt?: string;
  modifiedAt?: string;
  protectionClass?: number;
  encryptionKey?: Buffer;
  notes: string[];
}

/** Real records are a few hundred bytes. */
export const MAX_MBFILE_BYTES = 64 * 1024;

export function parseMbFile(blob: Buffer, what: string): MbFile {
  if (blob.length > MAX_MBFILE_BYTES) throw new CorruptBackupError(`${what}: its Manifest.db record is ${blob.length} bytes, more than ${MAX_MBFILE_BYTES}`);
  let archive: PlistDict;
  try {
    archive = parsePlistDict(blob, `${what}: Manifest.db record`);
  } catch (cause) {
    throw new CorruptBackupError((cause as Error).message, { cause });
  }
  const objects = archive['$objects'];
  const top = archive['$top'];
  const root = isDict(top) ? top['root'] : undefined;
  if (!Array.isArray(objects) || !(root instanceof PlistUid)) throw new CorruptBackupError(`${what}: its Manifest.db record is not an NSKeyedArchiver archive`);
  const resolve = (value: PlistValue | undefined): PlistValue | undefined => (value instanceof PlistUid ? objects[value.index] : value);
  const file = resolve(root);
  if (!isDict(file)) throw new CorruptBackupError(`${what}: its Manifest.db record's root object is not a dictionary`);

  const notes: string[] = [];
  const number = (key: string): number | undefined => {
    const value = numberAt(file, key);
    if (typeof value === 'bigint' || (value !== undefined && (!Number.isSafeInteger(value) || value < 0))) {
      notes.push(`Manifest.db ${key} ${String(value)} is not a plausible value`);
      return undefined;
    }
    return value;
  };
  const size = number('Size');
  if (size === undefined) notes.push('Manifest.db records no usable size');
  const time = (key: string): string | undefined => {
    const raw = numberAt(file, key);
    const iso = unixTimeToIso(raw);
    if (raw !== undefined && iso === undefined) notes.push(`Manifest.db ${key} ${String(raw)} is not a plausible time`);
    return iso;
  };
  const key = resolve(file['EncryptionKey']);
  const encryptionKey = Buffer.isBuffer(key) ? key : isDict(key) ? dataAt(key, 'NS.data') : undefined;
  if (key !== undefined && !encryptionKey) notes.push('Manifest.db EncryptionKey is not data');
  const createdAt = time('Birth');
  const modifiedAt = time('LastModified');
  const protectionClass = number('ProtectionClass');
  return {
    size: size ?? 0,
    ...(createdAt ? { createdAt } : {}),
    ...(modifiedAt ? { modifiedAt } : {}),
    ...(protectionClass !== undefined ? { protectionClass } : {}),
    ...(encryptionKey ? { encryptionKey } : {}),
    notes,
  };
}
