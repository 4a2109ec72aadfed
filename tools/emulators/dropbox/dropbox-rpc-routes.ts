import type { EmulatorResponse } from '../lib/server.js';
import { badRequest, pathNotFound, routeError } from './dropbox-errors.js';
import { deletedMetadata, fileMetadata, folderMetadata } from './dropbox-metadata.js';
import { checkPath } from './dropbox-paths.js';
import type { DropboxStore } from './dropbox-store.js';

type Args = Record<string, unknown>;

/**
 * files/get_metadata: the file's or folder's metadata; with `include_deleted` a deleted entry
 * (`.tag: "deleted"`) instead of 409 path/not_found (GetMetadataError is a LookupError under `path`).
 */
export function getMetadata(store: DropboxStore, args: Args): EmulatorResponse {
  const path = checkPath('files/get_metadata', args['path'], 'path');
  if (typeof path !== 'string') return path;
  const lower = path.toLowerCase();
  const file = store.files.get(lower);
  const folder = store.folders.get(lower);
  if (file && !file.deletedAt) return { status: 200, body: fileMetadata(file) };
  if (folder && !folder.deletedAt) return { status: 200, body: folderMetadata(folder) };
  const deleted = file ?? folder;
  if (deleted && args['include_deleted'] === true) return { status: 200, body: deletedMetadata(deleted) };
  return pathNotFound();
}

/** files/delete_v2: `{ metadata }` of what was deleted; a missing path is 409 path_lookup/not_found (DeleteError). */
export function deleteV2(store: DropboxStore, args: Args): EmulatorResponse {
  const path = checkPath('files/delete_v2', args['path'], 'path_lookup');
  if (typeof path !== 'string') return path;
  const lower = path.toLowerCase();
  const file = store.liveFile(lower);
  const folder = store.liveFolder(lower);
  const metadata = file ? fileMetadata(file) : folder ? folderMetadata(folder) : undefined;
  if (!metadata) return routeError({ '.tag': 'path_lookup', path_lookup: { '.tag': 'not_found' } });
  store.delete(lower);
  return { status: 200, body: { metadata } };
}

/**
 * files/list_revisions (mode "path"): `{ is_deleted, server_deleted?, entries }`, newest first, at most
 * `limit` (1..100, 10 when absent). A folder is 409 path/not_file; a path never used, path/not_found.
 */
export function listRevisions(store: DropboxStore, args: Args): EmulatorResponse {
  const path = checkPath('files/list_revisions', args['path'], 'path');
  if (typeof path !== 'string') return path;
  const limit = args['limit'] ?? 10;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > 100) return badRequest('files/list_revisions', `request body: limit: ${String(limit)} is out of range 1..100`);
  const lower = path.toLowerCase();
  if (store.liveFolder(lower)) return routeError({ '.tag': 'path', path: { '.tag': 'not_file' } });
  const node = store.files.get(lower);
  if (!node) return pathNotFound();
  const entries = node.revisions.slice(-limit).reverse().map((revision) => fileMetadata(node, revision));
  const body: Args = { is_deleted: Boolean(node.deletedAt), entries };
  if (node.deletedAt) body['server_deleted'] = node.deletedAt;
  return { status: 200, body };
}

/**
 * files/restore: writes revision `rev` at `path` as a new revision and returns its FileMetadata.
 * A rev that is not hex of at least 9 digits is a 400; an unknown one 409 invalid_revision (RestoreError).
 */
export function restore(store: DropboxStore, args: Args): EmulatorResponse {
  const path = checkPath('files/restore', args['path'], 'path_lookup');
  if (typeof path !== 'string') return path;
  const rev = args['rev'];
  if (typeof rev !== 'string' || !/^[0-9a-f]{9,}$/.test(rev)) return badRequest('files/restore', `request body: rev: ${JSON.stringify(rev)} did not match pattern '[0-9a-f]+'`);
  const revision = store.revision(rev);
  if (!revision) return routeError({ '.tag': 'invalid_revision' });
  const conflict = store.conflictAt(path);
  if (conflict) return routeError({ '.tag': 'path_write', path_write: { '.tag': 'conflict', conflict: { '.tag': conflict } } });
  if (!store.fits(path.toLowerCase(), revision.bytes.length)) return routeError({ '.tag': 'path_write', path_write: { '.tag': 'insufficient_space' } });
  return { status: 200, body: fileMetadata(store.write(path, revision.bytes)) };
}
