import type { StoredObject, TrashAbility, TrashedItem } from '../backup-target.js';
import { BackupError, NotFoundError, UnsupportedError } from '../errors.js';
import { type DriveItem, type DriveItemPage, isFile, itemHashes, itemId, itemSize, pageItems, toStoredObject } from './drive-item.js';
import { referencePath, relativeTo } from './drive-paths.js';
import { NameConflictError } from './graph-failure.js';
import { BUSINESS_TRASH, OneDriveTarget, type OneDriveTargetOptions } from './onedrive-target.js';

const MAX_PAGES = 100_000;
const MEDIA = /\.(jpe?g|png|gif|heic|heif|webp|tiff?|dng|cr2|cr3|nef|arw|orf|rw2|raf|mp4|mov|m4v|3gp|avi|mkv|mts)$/i;

/** Graph documents reading a deleted item by id (its details) and restoring it, nothing else: no content, no thumbnails. */
export const PERSONAL_PREVIEW =
  "Microsoft Graph offers no way to see a deleted OneDrive item's picture, only its name and size: restore it to see it, or open OneDrive on the web and choose Recycle bin.";

/**
 * A folder in a personal OneDrive, with its recycle bin. Graph v1.0 has no call that lists a OneDrive's
 * recycle bin: deleted items are found the way Graph offers, through `GET /me/drive/root/delta` (deleted
 * items carry the `deleted` facet), each then read with `GET /me/drive/items/{id}?includeDeletedItems=true`
 * for its size and hashes, and put back with `POST /me/drive/items/{id}/restore` — both "currently only
 * supported on OneDrive Personal". A drive that turns out to be OneDrive for Business says so in words.
 */
export class OneDrivePersonalTarget extends OneDriveTarget implements TrashAbility {
  override readonly limits = { preview: PERSONAL_PREVIEW };
  private personal?: Promise<void>;

  constructor(options: OneDriveTargetOptions) {
    super(options);
  }

  async *listTrash(options: { signal?: AbortSignal; mediaOnly?: boolean } = {}): AsyncIterable<TrashedItem> {
    const { signal } = options;
    await this.requirePersonal(signal);
    const entries = new Map<string, DriveItem>();
    let link: string | undefined = '/me/drive/root/delta';
    for (let pages = 1; link; pages++) {
      if (pages > MAX_PAGES) throw new BackupError(`OneDrive kept sending pages of changes; the list of deleted items stopped after ${MAX_PAGES}.`);
      const current: string = link;
      const page = (await this.api.request('listing deleted items', (c) => c.api(current).option('signal', signal).get(), signal)) as DriveItemPage;
      // "The same item may appear more than once in a delta feed … use the last occurrence."
      for (const entry of pageItems(page)) if (typeof entry.id === 'string') entries.set(entry.id, entry);
      link = page['@odata.nextLink'] === undefined ? undefined : this.api.relativeLink(page['@odata.nextLink']);
    }
    const folders = new Map<string, Promise<string[] | undefined>>();
    for (const entry of entries.values()) {
      if (!entry.deleted || entry.folder) continue;
      const item = await this.byId(itemId(entry), signal);
      if (!item?.deleted || !isFile(item) || typeof item.name !== 'string') continue;
      const parentId = item.parentReference?.id;
      if (typeof parentId !== 'string') continue;
      const known = folders.get(parentId) ?? this.folderPath(parentId, signal);
      folders.set(parentId, known);
      const folder = await known;
      const path = folder && relativeTo(this.root, [...folder, item.name]);
      if (!path) continue;
      const mimeType = typeof item.file?.mimeType === 'string' ? item.file.mimeType : undefined;
      if (options.mediaOnly && !(MEDIA.test(item.name) || /^(image|video)\//.test(mimeType ?? ''))) continue;
      yield { id: itemId(item), name: item.name, path, size: itemSize(item), mimeType, hashes: itemHashes(item) };
    }
  }

  /** Puts the item back where it was (POST /me/drive/items/{id}/restore). */
  async restore(item: TrashedItem, signal?: AbortSignal): Promise<StoredObject> {
    await this.requirePersonal(signal);
    const what = `restoring ${item.path ?? item.name}`;
    try {
      const restored = (await this.api.request(what, (c) => c.api(`/me/drive/items/${encodeURIComponent(item.id)}/restore`).option('signal', signal).post({}), signal)) as DriveItem;
      const folder = referencePath(restored.parentReference?.path);
      const path = (folder && typeof restored.name === 'string' && relativeTo(this.root, [...folder, restored.name])) || item.path || item.name;
      return toStoredObject(restored, path);
    } catch (error) {
      // A retried restore whose first answer was lost finds the item already back: that is the wanted end.
      const there = item.path ? await this.stat(item.path).catch(() => null) : null;
      if (there?.id === item.id) return there;
      if (error instanceof NameConflictError) {
        throw new BackupError(`${item.path ?? item.name} cannot be put back where it was: a file with that name is there now, or its folder is gone. Rename or move that file (or restore the folder first), then restore again.`, { cause: error });
      }
      throw error;
    }
  }

  /** An item by id, the recycle bin included; null when OneDrive has no such item. */
  private byId(id: string, signal?: AbortSignal): Promise<DriveItem | null> {
    const address = `/me/drive/items/${encodeURIComponent(id)}?includeDeletedItems=true`;
    return (this.api.request('reading a deleted item', (c) => c.api(address).option('signal', signal).get(), signal) as Promise<DriveItem>).catch((error: unknown) => {
      if (error instanceof NotFoundError) return null;
      throw error;
    });
  }

  /** The names of the folders down to (and including) folder `id`; [] for the drive's root. */
  private async folderPath(id: string, signal?: AbortSignal): Promise<string[] | undefined> {
    const folder = await this.byId(id, signal);
    if (!folder) return undefined;
    if (folder.root) return [];
    const above = referencePath(folder.parentReference?.path);
    return above && typeof folder.name === 'string' ? [...above, folder.name] : undefined;
  }

  private requirePersonal(signal?: AbortSignal): Promise<void> {
    this.personal ??= this.driveInfo(signal).then(({ driveType }) => {
      if (driveType !== 'personal') throw new UnsupportedError(BUSINESS_TRASH);
    });
    // A failed look-up (not a business drive) is asked again next time.
    this.personal.catch((error: unknown) => {
      if (!(error instanceof UnsupportedError)) this.personal = undefined;
    });
    return this.personal;
  }
}

/**
 * The OneDrive target that fits the signed-in account: OneDrivePersonalTarget (with the recycle bin) on
 * a personal drive, OneDriveTarget on OneDrive for Business, whose `limits.trash` says where its recycle
 * bin is. Asks GET /me/drive once.
 */
export async function connectOneDrive(options: OneDriveTargetOptions, signal?: AbortSignal): Promise<OneDriveTarget> {
  const target = new OneDriveTarget(options);
  const { driveType } = await target.driveInfo(signal);
  return driveType === 'personal' ? new OneDrivePersonalTarget(options) : target;
}
