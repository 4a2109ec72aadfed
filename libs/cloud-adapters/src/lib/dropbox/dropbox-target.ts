import type { AccessTokenSource } from '../auth/access-token.js';
import type { BackupTarget, ExpectedContent, HashKind, PutOptions, RemoveAbility, StoredObject, TrashAbility, TrashedItem, TrashPreview, TrashPreviewAbility, TrashPreviewOptions } from '../backup-target.js';
import type { ContentSource } from '../content.js';
import { NotFoundError } from '../errors.js';
import { DROPBOX_BLOCK_SIZE } from '../hashes/index.js';
import type { RetryOptions } from '../retry.js';
import { DropboxClient } from './dropbox-client.js';
import { downloadFile } from './dropbox-download.js';
import { hasTag, routeErrorOf } from './dropbox-errors.js';
import { listFolder } from './dropbox-list.js';
import { isFile, toStored } from './dropbox-metadata.js';
import { DropboxPaths } from './dropbox-paths.js';
import { previewDeleted } from './dropbox-preview.js';
import { putToDropbox, statFile } from './dropbox-put.js';
import { listDeleted, restoreDeleted } from './dropbox-trash.js';

/** Dropbox takes at most 150 MiB in one request. */
const MAX_CHUNK = 150 * 1024 * 1024;

export interface DropboxTargetOptions {
  /** The folder in the Dropbox that holds the backups ('Afterimage' or '/Afterimage'; '' for the top). */
  root: string;
  tokens: AccessTokenSource;
  /** The API origin instead of https://api.dropboxapi.com and https://content.dropboxapi.com (an emulator). */
  apiBase?: string;
  /** Files above this size go up through an upload session in chunks of this size (8 MiB when absent; Dropbox recommends multiples of 4 MiB). */
  chunkSize?: number;
  retry?: RetryOptions;
  /** Stable id of this configured target (`dropbox:<account>:<root>` when absent). */
  id?: string;
  account?: string;
  fetch?: typeof fetch;
}

/**
 * A folder in a Dropbox as a backup target, through the dropbox SDK. Copies are verified against
 * Dropbox's content_hash; large files go up in resumable upload sessions; removed files stay in
 * Dropbox's deleted files, which `listTrash` lists and `restore` brings back from their last revision.
 */
export class DropboxTarget implements BackupTarget, TrashAbility, TrashPreviewAbility, RemoveAbility {
  readonly kind = 'dropbox';
  readonly medium = 'cloud';
  readonly offsite = true;
  readonly hashKinds: readonly HashKind[] = ['dropbox'];
  readonly limits = {};
  readonly id: string;
  private readonly client: DropboxClient;
  private readonly paths: DropboxPaths;
  private readonly chunkSize: number;

  constructor(options: DropboxTargetOptions) {
    this.paths = new DropboxPaths(options.root);
    this.id = options.id ?? `dropbox:${options.account ?? 'default'}:${this.paths.root || '/'}`;
    const chunkSize = options.chunkSize ?? 2 * DROPBOX_BLOCK_SIZE;
    if (!Number.isSafeInteger(chunkSize) || chunkSize < 1 || chunkSize > MAX_CHUNK) throw new RangeError(`chunkSize must be 1..${MAX_CHUNK} bytes, not ${chunkSize}.`);
    this.chunkSize = chunkSize;
    this.client = new DropboxClient({ tokens: options.tokens, apiBase: options.apiBase, retry: options.retry, fetch: options.fetch });
  }

  put(path: string, content: ContentSource, expected: ExpectedContent, options?: PutOptions): Promise<StoredObject> {
    return putToDropbox({ client: this.client, paths: this.paths, chunkSize: this.chunkSize, targetId: this.id }, path, content, expected, options);
  }

  async stat(path: string, signal?: AbortSignal): Promise<StoredObject | null> {
    const full = this.paths.full(path);
    const entry = await this.client.call(`Looking up ${full}`, signal, (dropbox) => statFile(dropbox, full));
    return (entry && toStored(entry, path)) ?? null;
  }

  async *list(prefix = '', signal?: AbortSignal): AsyncIterable<StoredObject> {
    for await (const entry of listFolder(this.client, this.paths.folder(prefix), {}, signal)) {
      const path = isFile(entry) ? this.paths.relative(entry.path_lower, entry.path_display) : undefined;
      const stored = path ? toStored(entry, path) : undefined;
      if (stored) yield stored;
    }
  }

  async *open(path: string, signal?: AbortSignal): AsyncIterable<Buffer> {
    yield* downloadFile(this.client, this.paths.full(path), signal);
  }

  async remove(path: string, signal?: AbortSignal): Promise<void> {
    const full = this.paths.full(path);
    const entry = await this.client.call(`Looking up ${full}`, signal, (dropbox) => statFile(dropbox, full));
    if (!entry) throw new NotFoundError(`${path} is not in the Dropbox folder ${this.paths.root || '/'}.`);
    await this.client.call(`Deleting ${full}`, signal, async (dropbox, attempt) => {
      try {
        await dropbox.filesDeleteV2({ path: full });
      } catch (error) {
        // A retry after an answer that was lost: the first try deleted it.
        if (attempt === 1 || !hasTag(routeErrorOf(error), 'not_found')) throw error;
      }
    });
  }

  listTrash(options?: { signal?: AbortSignal; mediaOnly?: boolean }): AsyncIterable<TrashedItem> {
    return listDeleted(this.client, this.paths, options);
  }

  restore(item: TrashedItem, signal?: AbortSignal): Promise<StoredObject> {
    return restoreDeleted(this.client, this.paths, item, signal);
  }

  /** Dropbox's thumbnail of the deleted revision (files/get_thumbnail_v2 with `rev:`), else a small photo's bytes; null for neither. */
  previewTrashed(item: TrashedItem, options: TrashPreviewOptions): Promise<TrashPreview | null> {
    return previewDeleted(this.client, this.paths, item, options);
  }
}
