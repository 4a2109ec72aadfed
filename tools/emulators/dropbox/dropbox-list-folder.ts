import { randomBytes } from 'node:crypto';
import type { EmulatorResponse } from '../lib/server.js';
import { badRequest, pathNotFound, routeError } from './dropbox-errors.js';
import { deletedMetadata, fileMetadata, folderMetadata } from './dropbox-metadata.js';
import { checkPath, isUnder } from './dropbox-paths.js';
import type { DropboxStore } from './dropbox-store.js';

/**
 * files/list_folder and files/list_folder/continue. The answer is `{ entries, cursor, has_more }`;
 * while has_more the client calls continue with the cursor. `recursive` lists every level;
 * `include_deleted` adds deleted files and folders as `.tag: "deleted"` entries. A missing folder is
 * 409 path/not_found, a file is path/not_folder (ListFolderError). `limit` is 1..2000, approximate.
 */
export class ListFolderRoute {
  private readonly cursors = new Map<string, { entries: object[]; at: number; limit: number }>();

  constructor(
    private readonly store: DropboxStore,
    private readonly pageSize = 50,
  ) {}

  list(args: Record<string, unknown>): EmulatorResponse {
    const path = checkPath('files/list_folder', args['path'], 'path', true);
    if (typeof path !== 'string') return path;
    const folder = path.toLowerCase();
    if (folder && !this.store.liveFolder(folder)) return this.store.liveFile(folder) ? routeError({ '.tag': 'path', path: { '.tag': 'not_folder' } }) : pathNotFound();
    const limit = typeof args['limit'] === 'number' ? args['limit'] : this.pageSize;
    if (!Number.isInteger(limit) || limit < 1 || limit > 2000) return badRequest('files/list_folder', `request body: limit: ${limit} is out of range 1..2000`);
    const recursive = args['recursive'] === true;
    const withDeleted = args['include_deleted'] === true;
    const entries: [string, object][] = [];
    const wanted = (lower: string) => isUnder(lower, folder) && (recursive || !lower.slice(folder.length + 1).includes('/'));
    for (const [lower, node] of this.store.folders) {
      if (wanted(lower) && (!node.deletedAt || withDeleted)) entries.push([lower, node.deletedAt ? deletedMetadata(node) : folderMetadata(node)]);
    }
    for (const [lower, node] of this.store.files) {
      if (wanted(lower) && (!node.deletedAt || withDeleted)) entries.push([lower, node.deletedAt ? deletedMetadata(node) : fileMetadata(node)]);
    }
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const cursor = randomBytes(16).toString('base64url');
    const state = { entries: entries.map(([, entry]) => entry), at: 0, limit };
    this.cursors.set(cursor, state);
    return this.page(cursor, state);
  }

  continue(args: Record<string, unknown>): EmulatorResponse {
    const cursor = args['cursor'];
    const state = typeof cursor === 'string' ? this.cursors.get(cursor) : undefined;
    if (typeof cursor !== 'string' || !state) return badRequest('files/list_folder/continue', 'Invalid "cursor" parameter');
    return this.page(cursor, state);
  }

  private page(cursor: string, state: { entries: object[]; at: number; limit: number }): EmulatorResponse {
    const entries = state.entries.slice(state.at, state.at + state.limit);
    state.at += entries.length;
    return { status: 200, body: { entries, cursor, has_more: state.at < state.entries.length } };
  }
}
