import type { StoredObject, TrashedItem } from '../backup-target.js';
import { BackupError, NotFoundError } from '../errors.js';
import type { DropboxClient } from './dropbox-client.js';
import { hasTag, routeErrorOf } from './dropbox-errors.js';
import { listFolder } from './dropbox-list.js';
import { contentHashOf, revOf, sizeOf, toStored, type DropboxFileFields } from './dropbox-metadata.js';
import type { DropboxPaths } from './dropbox-paths.js';

/** Photo and video extensions, for `mediaOnly` (Dropbox's deleted entries carry no type, only a name). */
const MEDIA = /\.(jpe?g|png|gif|heic|heif|webp|avif|tiff?|bmp|dng|cr2|cr3|crw|nef|nrw|arw|srf|sr2|orf|rw2|raf|pef|srw|x3f|3fr|mp4|m4v|mov|avi|mkv|3gp|3g2|mts|m2ts|wmv|webm|mpe?g|insv|lrv)$/i;

interface Revisions {
  is_deleted?: unknown;
  server_deleted?: unknown;
  entries?: unknown;
}

/**
 * Dropbox keeps deleted files with their revisions. They are found with files/list_folder
 * (recursive, include_deleted: entries tagged "deleted", which say nothing but the name), then
 * files/list_revisions (mode path) gives, for each, whether it is still deleted, when it was deleted
 * and its last revision — what files/restore needs. A deleted folder (list_revisions: not_file) is skipped;
 * its files are listed on their own.
 */
export async function* listDeleted(client: DropboxClient, paths: DropboxPaths, options: { signal?: AbortSignal; mediaOnly?: boolean } = {}): AsyncIterable<TrashedItem> {
  const { signal } = options;
  for await (const entry of listFolder(client, paths.root, { includeDeleted: true }, signal)) {
    const path = entry['.tag'] === 'deleted' ? paths.relative(entry.path_lower, entry.path_display) : undefined;
    if (!path || (options.mediaOnly && !MEDIA.test(path))) continue;
    const full = `${paths.root}/${path}`;
    const history = await client.call(`Looking up the versions of ${full}`, signal, async (dropbox) => {
      try {
        return (await dropbox.filesListRevisions({ path: full, mode: { '.tag': 'path' }, limit: 1 })).result as Revisions;
      } catch (error) {
        const route = routeErrorOf(error);
        if (hasTag(route, 'not_file') || hasTag(route, 'not_found')) return undefined;
        throw error;
      }
    });
    const last = Array.isArray(history?.entries) ? (history.entries[0] as DropboxFileFields | undefined) : undefined;
    const rev = revOf(last?.rev);
    if (history?.is_deleted !== true || !last || !rev) continue;
    const hash = contentHashOf(last.content_hash);
    yield {
      id: `${rev}:${full}`,
      name: path.slice(path.lastIndexOf('/') + 1),
      path,
      size: sizeOf(last.size),
      deletedAt: typeof history.server_deleted === 'string' ? history.server_deleted : undefined,
      hashes: hash ? { dropbox: hash } : undefined,
    };
  }
}

/** The last rev and the full path a listed item's id holds (`<rev>:<path>`), when it is one of this target's. */
export function deletedRef(paths: DropboxPaths, item: TrashedItem): { rev: string; full: string; path: string } {
  const [, rev, full] = /^([0-9a-f]{9,64}):(\/.+)$/.exec(item.id) ?? [];
  const path = rev && full ? paths.relative(full.toLowerCase(), full) : undefined;
  if (!rev || !full || !path) throw new NotFoundError(`${item.name} is not a deleted file of this Dropbox target (${JSON.stringify(item.id)}).`);
  return { rev, full, path };
}

/** Puts a deleted file back where it was (files/restore with its last rev); the restored file as stored. */
export async function restoreDeleted(client: DropboxClient, paths: DropboxPaths, item: TrashedItem, signal?: AbortSignal): Promise<StoredObject> {
  const { rev, full, path } = deletedRef(paths, item);
  const result = await client.call(`Restoring ${full}`, signal, async (dropbox) => {
    try {
      return (await dropbox.filesRestore({ path: full, rev })).result as DropboxFileFields;
    } catch (error) {
      if (hasTag(routeErrorOf(error), 'invalid_revision')) throw new NotFoundError(`Dropbox no longer has the version of ${full} to restore.`, { cause: error });
      throw error;
    }
  });
  const stored = toStored(result, path);
  if (!stored) throw new BackupError(`Dropbox restored ${full} but described it with an impossible size (${String(result.size)}).`);
  return stored;
}
