import { lstat, readdir, stat } from 'node:fs/promises';
import { basename, extname, join, resolve } from 'node:path';
import { DeviceError } from '../errors.js';
import { MEDIA_EXTENSIONS, type MediaKind } from './media-extensions.js';

/** A folder of files (a copied DCIM, a phone's export, later an iPhone backup) offered as a source. */
export interface FolderDescription {
  kind: 'folder';
  path: string;
  label: string;
  /** camera-card: a DCIM folder in it (or it is one); iphone-backup: Manifest.db at its top. */
  looksLike: 'camera-card' | 'iphone-backup' | 'folder';
  mediaFiles: number;
  mediaBytes: number;
  /** Media files by kind (photo, raw, video). */
  byKind: Record<MediaKind, number>;
  totalFiles: number;
  totalBytes: number;
  folders: number;
  /** Not followed or not read: symbolic links, folders on another filesystem, unreadable entries. */
  skipped: { symlinks: number; otherFilesystems: number; unreadable: number };
  /** False when a limit stopped the walk: the counts are then lower bounds. */
  complete: boolean;
}

export interface DescribeFolderOptions {
  /** Entries (files and folders) looked at before stopping; default 200 000. */
  maxEntries?: number;
  /** Folder depth below the start; default 32. */
  maxDepth?: number;
  signal?: AbortSignal;
  /** Called every 1000 entries with the count so far. */
  onProgress?: (entries: number) => void;
}

/**
 * Walks a folder, bounded, and counts the files that look like photos and videos and their size.
 * Symbolic links are never followed (a link cannot lead the walk out of the folder) and folders on
 * another filesystem (a mount inside) are not entered. Nothing is opened, only listed.
 */
export async function describeFolder(path: string, options: DescribeFolderOptions = {}): Promise<FolderDescription> {
  const { maxEntries = 200_000, maxDepth = 32, signal, onProgress } = options;
  const root = resolve(path);
  const rootStats = await stat(root).catch((cause: NodeJS.ErrnoException) => {
    throw new DeviceError(cause.code === 'ENOENT' ? 'NOT_FOUND' : 'UNREADABLE', `Cannot read the folder ${path}: ${cause.message}`, { cause });
  });
  if (!rootStats.isDirectory()) throw new DeviceError('NOT_A_SOURCE', `${path} is not a folder.`);
  const result: FolderDescription = {
    kind: 'folder', path: root, label: basename(root) || root, looksLike: 'folder', mediaFiles: 0, mediaBytes: 0,
    byKind: { photo: 0, raw: 0, video: 0 }, totalFiles: 0, totalBytes: 0, folders: 0,
    skipped: { symlinks: 0, otherFilesystems: 0, unreadable: 0 }, complete: true,
  };
  const stack: { dir: string; depth: number }[] = [{ dir: root, depth: 0 }];
  let entries = 0;
  walk: while (stack.length > 0) {
    if (signal?.aborted) throw new DeviceError('ABORTED', `Looking through ${path} was cancelled.`, { cause: signal.reason });
    const { dir, depth } = stack.pop() as { dir: string; depth: number };
    const listing = await readdir(dir, { withFileTypes: true }).catch(() => undefined);
    if (!listing) {
      result.skipped.unreadable++;
      continue;
    }
    if (depth === 0) {
      const names = new Set(listing.map((e) => e.name));
      if (names.has('Manifest.db')) result.looksLike = 'iphone-backup';
      else if (names.has('DCIM') || basename(root).toUpperCase() === 'DCIM') result.looksLike = 'camera-card';
    }
    for (const entry of listing) {
      if (++entries > maxEntries) {
        result.complete = false;
        break walk;
      }
      if (entries % 1000 === 0) onProgress?.(entries);
      const full = join(dir, entry.name);
      if (entry.isSymbolicLink()) {
        result.skipped.symlinks++;
      } else if (entry.isDirectory()) {
        const stats = await lstat(full).catch(() => undefined);
        if (!stats) result.skipped.unreadable++;
        else if (stats.dev !== rootStats.dev) result.skipped.otherFilesystems++;
        else if (depth + 1 > maxDepth) result.complete = false;
        else {
          result.folders++;
          stack.push({ dir: full, depth: depth + 1 });
        }
      } else if (entry.isFile()) {
        const stats = await lstat(full).catch(() => undefined);
        if (!stats) {
          result.skipped.unreadable++;
          continue;
        }
        result.totalFiles++;
        result.totalBytes += stats.size;
        const kind = MEDIA_EXTENSIONS.get(extname(entry.name).slice(1).toLowerCase());
        if (kind) {
          result.mediaFiles++;
          result.mediaBytes += stats.size;
          result.byKind[kind]++;
        }
      }
    }
  }
  return result;
}
