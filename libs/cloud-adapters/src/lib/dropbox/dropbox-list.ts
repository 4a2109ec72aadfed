import { BackupError } from '../errors.js';
import type { DropboxClient } from './dropbox-client.js';
import { hasTag, routeErrorOf } from './dropbox-errors.js';
import type { DropboxFileFields } from './dropbox-metadata.js';

/** A listing of more pages than this is not believed (at Dropbox's ~2000 entries a page, billions of entries). */
const MAX_PAGES = 1_000_000;

interface Page {
  entries?: unknown;
  cursor?: unknown;
  has_more?: unknown;
}

/**
 * Every entry under a Dropbox folder, page by page (files/list_folder, then list_folder/continue while
 * has_more). A folder that is not there lists nothing. Pages are checked: entries must be a list, and a
 * page that says has_more must carry a cursor.
 */
export async function* listFolder(client: DropboxClient, folder: string, flags: { includeDeleted?: boolean }, signal?: AbortSignal): AsyncIterable<DropboxFileFields> {
  const what = `Listing ${folder || 'the Dropbox'}`;
  let page: Page | undefined = await client.call(what, signal, async (dropbox) => {
    try {
      return (await dropbox.filesListFolder({ path: folder, recursive: true, include_deleted: flags.includeDeleted ?? false })).result as Page;
    } catch (error) {
      if (hasTag(routeErrorOf(error), 'not_found')) return undefined;
      throw error;
    }
  });
  for (let pages = 1; page; pages++) {
    if (!Array.isArray(page.entries)) throw new BackupError(`${what}: Dropbox answered a page without entries.`);
    for (const entry of page.entries) if (entry && typeof entry === 'object') yield entry as DropboxFileFields;
    if (page.has_more !== true) return;
    const cursor = page.cursor;
    if (typeof cursor !== 'string' || !cursor || pages >= MAX_PAGES) throw new BackupError(`${what}: Dropbox's listing does not end (no cursor, or over ${MAX_PAGES} pages).`);
    signal?.throwIfAborted();
    page = await client.call(what, signal, async (dropbox) => (await dropbox.filesListFolderContinue({ cursor })).result as Page);
  }
}
