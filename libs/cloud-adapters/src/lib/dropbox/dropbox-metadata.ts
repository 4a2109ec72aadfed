import type { StoredObject } from '../backup-target.js';

/** The fields of Dropbox's FileMetadata this adapter reads; everything in it is checked before use. */
export interface DropboxFileFields {
  '.tag'?: unknown;
  id?: unknown;
  rev?: unknown;
  size?: unknown;
  content_hash?: unknown;
  server_modified?: unknown;
  path_lower?: unknown;
  path_display?: unknown;
  name?: unknown;
}

/** Dropbox files are below 2 TiB; a size outside 0..2^53 is not believed. */
export const sizeOf = (value: unknown): number | undefined => (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : undefined);

/** content_hash is 64 lower-case hex digits; anything else counts as no hash (so nothing verifies against it). */
export const contentHashOf = (value: unknown): string | undefined => (typeof value === 'string' && /^[0-9a-f]{64}$/.test(value) ? value : undefined);

/** A rev is hex, at least 9 digits. */
export const revOf = (value: unknown): string | undefined => (typeof value === 'string' && /^[0-9a-f]{9,64}$/.test(value) ? value : undefined);

export const isFile = (entry: DropboxFileFields | undefined): boolean => entry?.['.tag'] === 'file' || (entry?.['.tag'] === undefined && entry?.rev !== undefined);

/** A stored object from a file's metadata (undefined when its size cannot be believed). */
export function toStored(entry: DropboxFileFields, path: string): StoredObject | undefined {
  const size = sizeOf(entry.size);
  if (size === undefined) return undefined;
  const hash = contentHashOf(entry.content_hash);
  return {
    path,
    size,
    hashes: hash ? { dropbox: hash } : {},
    id: typeof entry.id === 'string' ? entry.id : undefined,
    modifiedAt: typeof entry.server_modified === 'string' ? entry.server_modified : undefined,
  };
}
