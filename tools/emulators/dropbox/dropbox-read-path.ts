import type { EmulatorResponse } from '../lib/server.js';
import { badRequest, pathNotFound, routeError } from './dropbox-errors.js';
import { currentOf, type DropboxStore, type FileNode, type Revision } from './dropbox-store.js';

/** files.ReadPath in Dropbox's API spec: a path, an id, a revision, or a namespace-relative path. */
const READ_PATH_PATTERN = '(/(.|[\\r\\n])*|id:.*)|(rev:[0-9a-f]{9,})|(ns:[0-9]+(/.*)?)';
const READ_PATH = /^(?:\/[\s\S]*|id:.*|rev:[0-9a-f]{9,}|ns:[0-9]+(?:\/.*)?)$/;

export interface FileVersion {
  node: FileNode;
  revision: Revision;
}

function byRevision(store: DropboxStore, rev: string): FileVersion | undefined {
  for (const node of store.files.values()) {
    const revision = node.revisions.find((r) => r.rev === rev);
    if (revision) return { node, revision };
  }
  return undefined;
}

function byId(store: DropboxStore, id: string): FileVersion | undefined {
  for (const node of store.files.values()) if (node.id === id && !node.deletedAt) return { node, revision: currentOf(node) };
  return undefined;
}

/**
 * The file version a ReadPath names, as files/download and files/get_thumbnail_v2 read it: `/a/b.jpg`
 * (the live file), `id:…` (the live file with that id) or `rev:…` (that revision, kept after a
 * delete: how a deleted file is read). A value off the pattern is a 400 naming it; a path with an
 * empty part is `path/malformed_path`; nothing there is `path/not_found` (a LookupError under `path`).
 */
export function readPath(store: DropboxStore, route: string, value: unknown): FileVersion | EmulatorResponse {
  if (typeof value !== 'string' || !READ_PATH.test(value)) {
    return badRequest(route, `path: ${JSON.stringify(value)} did not match pattern '${READ_PATH_PATTERN}'`);
  }
  let version: FileVersion | undefined;
  if (value.startsWith('/')) {
    if (value === '/' || value.endsWith('/') || value.includes('//') || value.includes('\0')) return routeError({ '.tag': 'path', path: { '.tag': 'malformed_path' } });
    const node = store.liveFile(value.toLowerCase());
    version = node && { node, revision: currentOf(node) };
  } else if (value.startsWith('rev:')) version = byRevision(store, value.slice(4));
  else if (value.startsWith('id:')) version = byId(store, value);
  // ns: (namespaces of shared folders) is not emulated: nothing is there.
  return version ?? pathNotFound();
}
