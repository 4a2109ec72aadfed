import { createHash } from 'node:crypto';
import type { FileTimes, FindingTrash, Origin } from '@afterimage/contracts';
import type { ByteSource } from '@afterimage/fs-parsers';

/**
 * One file of a folder source that becomes a finding: what the folder's catalogue says of it (the
 * phone's name, times, trash, Live Photo partner) and how to read its bytes (read-only).
 */
export interface FolderItem {
  /** The file, relative to the source folder, '/'-separated: the finding's `file.path`. */
  file: string;
  /** The name to give it back. */
  name: string;
  /** Where it was ('/'-separated, from the root of the phone or drive), when known. */
  originalPath?: string;
  /** The catalogue's size (the bytes read decide the finding's). */
  size: number;
  origin: Origin;
  times?: FileTimes;
  trash?: FindingTrash;
  /** The other half of a Live Photo: its `file`. */
  livePhotoPair?: string;
  /** When the photo was taken by the catalogue's account, used when EXIF has no date. */
  takenAt?: string;
  /** What was odd about it, for the finding's reasons. */
  notes: readonly string[];
  open(): Promise<ByteSource>;
}

/** A folder finding's id: the same file gets the same id in a scan resumed after a restart (the store keeps one). */
export const findingIdFor = (file: string): string => `f-${createHash('sha256').update(file).digest('hex').slice(0, 16)}`;

/** A finding's `file.path` made safe to join under its source folder; undefined when it climbs out or is absolute. */
export function insideFolder(file: string): string | undefined {
  const parts = file.split('/');
  if (file.startsWith('/') || file.includes('\\') || file.includes('\0') || parts.some((p) => p === '' || p === '.' || p === '..')) return undefined;
  return file;
}
