import { join } from 'node:path';
import { readExact } from '../source/byte-source.js';
import { openFileSource } from '../source/file-source.js';
import { CorruptBackupError } from './errors.js';
import { parsePlistDict } from './plist.js';
import { type PlistDict, boolAt, dateAt, dictAt, stringAt } from './plist-value.js';

/**
 * What the backup says about itself. Manifest.plist (binary plist: IsEncrypted, Lockdown with the
 * device's name and iOS version, BackupKeyBag, ManifestKey) is required; Info.plist (XML: "Device
 * Name", "Product Version", "Last Backup Date"…) and Status.plist (SnapshotState, Date) are read
 * when present. Each is read read-only and bounded in size.
 */
export interface IphoneBackupInfo {
  deviceName?: string;
  /** e.g. iPhone15,2 */
  productType?: string;
  iosVersion?: string;
  serialNumber?: string;
  udid?: string;
  /** When the backup was made: Info.plist "Last Backup Date", else Status.plist / Manifest.plist Date. */
  date?: string;
  encrypted: boolean;
  /** Status.plist SnapshotState is "finished" (false: the backup was interrupted). */
  finished?: boolean;
}

/** Info.plist can carry app icons and iTunes data (a few MB); anything past this is refused. */
export const MAX_PLIST_BYTES = 32 * 1024 * 1024;

export async function readPlistFile(path: string, what: string): Promise<PlistDict> {
  const source = await openFileSource(path);
  try {
    if (source.size > MAX_PLIST_BYTES) throw new CorruptBackupError(`${what} is ${source.size} bytes, more than the ${MAX_PLIST_BYTES} allowed`);
    const bytes = await readExact(source, 0, source.size, what);
    try {
      return parsePlistDict(bytes, what);
    } catch (cause) {
      throw new CorruptBackupError((cause as Error).message, { cause });
    }
  } finally {
    await source.close();
  }
}

async function optionalPlist(folder: string, name: string, notes: string[]): Promise<PlistDict | undefined> {
  try {
    return await readPlistFile(join(folder, name), name);
  } catch (error) {
    const missing = ((error as Error).cause as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
    if (!missing) notes.push(`${name} could not be read: ${(error as Error).message}`);
    return undefined;
  }
}

export async function readBackupInfo(folder: string, manifest: PlistDict, notes: string[]): Promise<IphoneBackupInfo> {
  const info = await optionalPlist(folder, 'Info.plist', notes);
  const status = await optionalPlist(folder, 'Status.plist', notes);
  const lockdown = dictAt(manifest, 'Lockdown');
  const pick = (infoKey: string, lockdownKey: string): string | undefined => stringAt(info, infoKey) ?? stringAt(lockdown, lockdownKey);
  const date = dateAt(info, 'Last Backup Date') ?? dateAt(status, 'Date') ?? dateAt(manifest, 'Date');
  const state = stringAt(status, 'SnapshotState');
  if (state !== undefined && state !== 'finished') notes.push(`Status.plist says the backup's state is "${state}", not "finished": files may be missing`);
  const fields: [keyof IphoneBackupInfo, string | undefined][] = [
    ['deviceName', pick('Device Name', 'DeviceName')],
    ['productType', pick('Product Type', 'ProductType')],
    ['iosVersion', pick('Product Version', 'ProductVersion')],
    ['serialNumber', pick('Serial Number', 'SerialNumber')],
    ['udid', pick('Unique Identifier', 'UniqueDeviceID')],
    ['date', date?.toISOString()],
  ];
  const result: IphoneBackupInfo = { encrypted: boolAt(manifest, 'IsEncrypted') === true };
  for (const [key, value] of fields) if (value !== undefined) Object.assign(result, { [key]: value });
  if (state !== undefined) result.finished = state === 'finished';
  return result;
}
