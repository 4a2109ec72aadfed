import { currentOf, type FileNode, type FolderNode, type Revision } from './dropbox-store.js';

/**
 * Metadata as Dropbox returns it (files/Metadata, a union tagged file | folder | deleted): every entry
 * has `name`, `path_lower` and `path_display`; a file adds `id`, `rev`, `size`, `content_hash`,
 * `client_modified`, `server_modified`, `is_downloadable`; a folder adds `id`; a deleted entry has no more.
 */
const nameOf = (display: string): string => display.slice(display.lastIndexOf('/') + 1);

export function fileMetadata(node: FileNode, revision: Revision = currentOf(node)): Record<string, unknown> {
  return {
    '.tag': 'file',
    name: nameOf(node.display),
    path_lower: node.display.toLowerCase(),
    path_display: node.display,
    id: node.id,
    client_modified: revision.serverModified,
    server_modified: revision.serverModified,
    rev: revision.rev,
    size: revision.bytes.length,
    is_downloadable: true,
    content_hash: revision.contentHash,
  };
}

export function folderMetadata(node: FolderNode): Record<string, unknown> {
  return { '.tag': 'folder', name: nameOf(node.display), path_lower: node.display.toLowerCase(), path_display: node.display, id: node.id };
}

export function deletedMetadata(node: FileNode | FolderNode): Record<string, unknown> {
  return { '.tag': 'deleted', name: nameOf(node.display), path_lower: node.display.toLowerCase(), path_display: node.display };
}
