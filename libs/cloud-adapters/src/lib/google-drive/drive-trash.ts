import type { StoredObject, TrashedItem } from '../backup-target.js';
import { FOLDER_MIME, type DriveApi, type DriveFile } from './drive-api.js';
import type { DriveFolders } from './drive-folders.js';
import { quote } from './drive-paths.js';
import { storedObject } from './stored-object.js';

const MAX_DEPTH = 64;

/**
 * Drive's trash (files.list with `trashed = true`; restore is files.update `trashed: false`). Trashed
 * files keep their parents, so each item's path inside the target is found by walking up to the root
 * folder. `scope: 'root'` lists only what was under the target's root; `'drive'` the whole Drive's trash
 * (items from elsewhere come without a path).
 */
export class DriveTrash {
  constructor(
    private readonly api: DriveApi,
    private readonly folders: DriveFolders,
    private readonly scope: 'root' | 'drive',
  ) {}

  async *list(options: { signal?: AbortSignal; mediaOnly?: boolean } = {}): AsyncIterable<TrashedItem> {
    const { signal } = options;
    let rootId = await this.folders.find([], signal);
    if (rootId === 'root') rootId = (await this.api.get('root', signal, 'id')).id ?? undefined;
    if (!rootId && this.scope === 'root') return;
    const media = options.mediaOnly ? ` and (mimeType contains 'image/' or mimeType contains 'video/')` : '';
    const parents = new Map<string, { name: string; parent?: string }>();
    for await (const file of this.api.list(`trashed = true and mimeType != ${quote(FOLDER_MIME)}${media}`, signal)) {
      if (!file.id || !file.name) continue;
      const path = rootId ? await this.pathOf(file, rootId, parents, signal) : undefined;
      if (!path && this.scope === 'root') continue;
      const stored = storedObject(file, path ?? file.name);
      yield {
        id: file.id,
        name: file.name,
        ...(path ? { path } : {}),
        size: stored.size,
        ...(file.trashedTime ? { deletedAt: file.trashedTime } : {}),
        ...(file.mimeType ? { mimeType: file.mimeType } : {}),
        hashes: stored.hashes,
      };
    }
  }

  async restore(item: TrashedItem, signal?: AbortSignal): Promise<StoredObject> {
    const file = await this.api.update(item.id, { trashed: false }, signal);
    return storedObject(file, item.path ?? item.name);
  }

  /** The file's path under the root folder, or undefined when it was not under it. */
  private async pathOf(file: DriveFile, rootId: string, known: Map<string, { name: string; parent?: string }>, signal?: AbortSignal): Promise<string | undefined> {
    const names = [file.name ?? ''];
    let parent = file.parents?.[0] ?? undefined;
    for (let depth = 0; parent && depth < MAX_DEPTH; depth++) {
      if (parent === rootId) return names.reverse().join('/');
      let folder = known.get(parent);
      if (!folder) {
        const got = await this.api.get(parent, signal, 'id,name,parents');
        folder = { name: got.name ?? '', parent: got.parents?.[0] ?? undefined };
        known.set(parent, folder);
      }
      if (!folder.name || folder.name.includes('/')) return undefined;
      names.push(folder.name);
      parent = folder.parent;
    }
    return undefined;
  }
}
