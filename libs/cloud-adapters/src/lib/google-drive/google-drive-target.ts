import type { BackupTarget, ExpectedContent, HashKind, PutOptions, RemoveAbility, StoredObject, TrashAbility, TrashedItem, TrashPreview, TrashPreviewAbility, TrashPreviewOptions } from '../backup-target.js';
import type { ContentSource } from '../content.js';
import { IntegrityError, NotFoundError } from '../errors.js';
import { DriveApi, FOLDER_MIME, type DriveFile } from './drive-api.js';
import { mapDriveError } from './drive-errors.js';
import { DriveFolders } from './drive-folders.js';
import { DrivePreview } from './drive-preview.js';
import { folderParts, quote, splitPath } from './drive-paths.js';
import { DriveTrash } from './drive-trash.js';
import type { GoogleDriveOptions } from './google-drive-options.js';
import { DriveUploader } from './drive-uploader.js';
import { storedObject } from './stored-object.js';

const newestFirst = (a: DriveFile, b: DriveFile) => (b.modifiedTime ?? '').localeCompare(a.modifiedTime ?? '') || (b.createdTime ?? '').localeCompare(a.createdTime ?? '');
const MAX_FOLDERS = 1_000_000;

/**
 * A folder in the user's Google Drive as a backup target, through the Drive v3 SDK. Uploads are
 * verified against Drive's md5Checksum and sha256Checksum of the stored file; large ones go through
 * resumable sessions that survive interruptions (see drive-uploader.ts). `remove` moves to Drive's
 * trash, which `listTrash`/`restore` read and undo.
 */
export class GoogleDriveTarget implements BackupTarget, TrashAbility, TrashPreviewAbility, RemoveAbility {
  readonly kind = 'google-drive';
  readonly medium = 'cloud';
  readonly offsite = true;
  readonly hashKinds: readonly HashKind[] = ['sha256', 'md5'];
  readonly limits = {};
  readonly id: string;
  readonly root: string;
  private readonly api: DriveApi;
  private readonly folders: DriveFolders;
  private readonly trash: DriveTrash;
  private readonly previews: DrivePreview;
  private readonly uploader: DriveUploader;

  constructor(options: GoogleDriveOptions) {
    this.root = options.root;
    this.id = options.id ?? `google-drive:${options.account ?? 'default'}:${options.root}`;
    this.api = new DriveApi(options.tokens, options.apiBase, options.retry);
    this.folders = new DriveFolders(this.api, folderParts(options.root));
    this.trash = new DriveTrash(this.api, this.folders, options.trashScope ?? 'root');
    this.previews = new DrivePreview(this.api);
    this.uploader = new DriveUploader(this.api, this.id, options);
  }

  async put(path: string, content: ContentSource, expected: ExpectedContent, options: PutOptions = {}): Promise<StoredObject> {
    const { folders, name } = splitPath(path);
    if (content.size !== expected.size) throw new IntegrityError(`${path}: the source holds ${content.size} bytes, ${expected.size} were expected.`);
    const existing = await this.find(folders, name, options.signal);
    if (existing && (await this.uploader.sameContent(storedObject(existing, path), content, expected, options.signal))) {
      options.onProgress?.({ committed: expected.size, size: expected.size });
      return storedObject(existing, path);
    }
    const parentId = await this.folders.ensure(folders, options.signal);
    const stored = await this.uploader.upload({ path, parentId, name }, content, expected, options);
    if (existing?.id && existing.id !== stored.id) await this.api.update(existing.id, { trashed: true }, options.signal);
    return stored;
  }

  async stat(path: string, signal?: AbortSignal): Promise<StoredObject | null> {
    const { folders, name } = splitPath(path);
    const file = await this.find(folders, name, signal);
    return file ? storedObject(file, path) : null;
  }

  /** The newest file named `name` in the folder, not trashed. */
  private async find(folders: string[], name: string, signal?: AbortSignal): Promise<DriveFile | undefined> {
    const parentId = await this.folders.find(folders, signal);
    if (!parentId) return undefined;
    const found: DriveFile[] = [];
    for await (const file of this.api.list(`name = ${quote(name)} and ${quote(parentId)} in parents and trashed = false and mimeType != ${quote(FOLDER_MIME)}`, signal)) {
      if (file.name === name && file.id) found.push(file);
    }
    return found.sort(newestFirst)[0];
  }

  async *list(prefix = '', signal?: AbortSignal): AsyncIterable<StoredObject> {
    const start = await this.folders.find(folderParts(prefix), signal);
    if (!start) return;
    const queue = [{ id: start, path: prefix }];
    const seen = new Set([start]);
    for (let folder = queue.shift(); folder; folder = queue.shift()) {
      for await (const file of this.api.list(`${quote(folder.id)} in parents and trashed = false`, signal)) {
        if (!file.id || !file.name || file.name.includes('/')) continue;
        const path = folder.path ? `${folder.path}/${file.name}` : file.name;
        if (file.mimeType !== FOLDER_MIME) yield storedObject(file, path);
        else if (!seen.has(file.id) && seen.size < MAX_FOLDERS) {
          seen.add(file.id);
          queue.push({ id: file.id, path });
        }
      }
    }
  }

  async *open(path: string, signal?: AbortSignal): AsyncIterable<Buffer> {
    const { folders, name } = splitPath(path);
    const file = await this.find(folders, name, signal);
    if (!file?.id) throw new NotFoundError(`${path} is not in ${this.root || 'My Drive'} on Google Drive.`);
    const stream = await this.api.download(file.id, signal);
    try {
      for await (const chunk of stream) yield chunk as Buffer;
    } catch (error) {
      throw signal?.aborted ? signal.reason : mapDriveError(error, `download ${path}`);
    }
  }

  async remove(path: string, signal?: AbortSignal): Promise<void> {
    const { folders, name } = splitPath(path);
    const file = await this.find(folders, name, signal);
    if (!file?.id) throw new NotFoundError(`${path} is not in ${this.root || 'My Drive'} on Google Drive.`);
    await this.api.update(file.id, { trashed: true }, signal);
  }

  listTrash(options?: { signal?: AbortSignal; mediaOnly?: boolean }): AsyncIterable<TrashedItem> {
    return this.trash.list(options);
  }

  restore(item: TrashedItem, signal?: AbortSignal): Promise<StoredObject> {
    return this.trash.restore(item, signal);
  }

  /** Drive's thumbnail of a trashed file (its thumbnailLink), else a small photo's own bytes; null for neither. */
  previewTrashed(item: TrashedItem, options: TrashPreviewOptions): Promise<TrashPreview | null> {
    return this.previews.preview(item, options);
  }
}
