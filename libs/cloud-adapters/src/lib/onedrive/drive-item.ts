import type { HashKind, StoredObject } from '../backup-target.js';
import { BackupError } from '../errors.js';

/** The parts of Graph's driveItem the adapter reads; every field is checked before use. */
export interface DriveItem {
  id?: unknown;
  name?: unknown;
  size?: unknown;
  lastModifiedDateTime?: unknown;
  file?: { mimeType?: unknown; hashes?: { quickXorHash?: unknown; sha1Hash?: unknown } };
  folder?: unknown;
  root?: unknown;
  deleted?: unknown;
  parentReference?: { id?: unknown; path?: unknown };
}

export interface DriveItemPage {
  value?: unknown;
  '@odata.nextLink'?: unknown;
  '@odata.deltaLink'?: unknown;
}

/** The items of a collection page (anything that is not an object is dropped). */
export function pageItems(page: DriveItemPage): DriveItem[] {
  return Array.isArray(page.value) ? page.value.filter((v): v is DriveItem => !!v && typeof v === 'object') : [];
}

export function isFile(item: DriveItem): boolean {
  return !!item.file && typeof item.file === 'object' && !item.folder;
}

export function itemId(item: DriveItem): string {
  if (typeof item.id !== 'string' || item.id.length === 0 || item.id.length > 512) throw new BackupError('OneDrive described an item without a usable id.');
  return item.id;
}

/** A byte count from Graph: a whole number from 0 to 2^53 − 1, or an error (never trusted blindly). */
export function itemSize(item: DriveItem): number {
  const size = item.size;
  if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0) throw new BackupError(`OneDrive reported an impossible size (${String(size)}) for an item.`);
  return size;
}

/** The provider's own hashes: quickXorHash (base64, as Graph gives it) and sha1Hash (hex, lower-cased) when reported. */
export function itemHashes(item: DriveItem): Partial<Record<HashKind, string>> {
  const hashes: Partial<Record<HashKind, string>> = {};
  const quickXor = item.file?.hashes?.quickXorHash;
  if (typeof quickXor === 'string' && /^[A-Za-z0-9+/]{27}=$/.test(quickXor)) hashes.quickxor = quickXor;
  const sha1 = item.file?.hashes?.sha1Hash;
  if (typeof sha1 === 'string' && /^[0-9a-fA-F]{40}$/.test(sha1)) hashes.sha1 = sha1.toLowerCase();
  return hashes;
}

export function toStoredObject(item: DriveItem, path: string): StoredObject {
  const stored: StoredObject = { path, size: itemSize(item), hashes: itemHashes(item), id: itemId(item) };
  if (typeof item.lastModifiedDateTime === 'string') stored.modifiedAt = item.lastModifiedDateTime;
  return stored;
}
