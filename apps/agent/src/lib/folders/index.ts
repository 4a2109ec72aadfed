/**
 * Folders as sources: iPhone backups (the camera roll, Recently Deleted, Live Photos; encrypted ones
 * with a password kept in memory only) and plain folders (Android's trashed and pending files,
 * Recycle Bin items). Each file becomes a finding whose bytes are the whole file.
 */
export { FolderSources } from './folder-sources.js';
export type { SourceShelf } from './folder-sources.js';
export { folderPipeline, findingOf } from './folder-pipeline.js';
export type { FolderItem } from './folder-item.js';
export { describeWholeFile } from './whole-file.js';
export { assertOutsideFolder } from './outside-folder.js';
