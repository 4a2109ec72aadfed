import { createHash, randomBytes } from 'node:crypto';

export const FOLDER_MIME = 'application/vnd.google-apps.folder';

/** One Drive item (a file or a folder) as the emulator keeps it in memory. */
export interface DriveItem {
  id: string;
  name: string;
  mimeType: string;
  parents: string[];
  trashed: boolean;
  createdTime: string;
  modifiedTime: string;
  trashedTime?: string;
  /** Files only: the stored bytes and Drive's checksums of them. */
  content?: Buffer;
  md5Checksum?: string;
  sha256Checksum?: string;
}

export interface NewItem {
  name: string;
  mimeType?: string;
  parents?: string[];
}

/** Drive ids are opaque URL-safe strings (about 33 characters for My Drive items). */
function newId(): string {
  return `1${randomBytes(24).toString('base64url')}`;
}

/** The in-memory Drive of one account: My Drive's root folder plus every item ever created and not deleted. */
export class DriveStore {
  readonly rootId = `0A${randomBytes(12).toString('base64url')}Uk9PVA`;
  private readonly items = new Map<string, DriveItem>();
  private clock = Date.now();

  /**
   * `quotaBytes`: the account's storage quota (uploads past it get 403 storageQuotaExceeded).
   * `sha256`: whether files get a sha256Checksum (Drive documents it as not always populated; md5Checksum is).
   */
  constructor(
    public quotaBytes = Infinity,
    public sha256 = true,
  ) {}

  /** Resolves the `root` alias Drive accepts for My Drive. */
  resolve(id: string): string {
    return id === 'root' ? this.rootId : id;
  }

  /** A distinct, increasing timestamp per change, so "newest" is never a tie. */
  now(): string {
    this.clock = Math.max(this.clock + 1, Date.now());
    return new Date(this.clock).toISOString();
  }

  /** The item, or My Drive's root folder itself (which lists as "My Drive" with no parents). */
  get(id: string): DriveItem | undefined {
    const resolved = this.resolve(id);
    if (resolved === this.rootId) return { id: this.rootId, name: 'My Drive', mimeType: FOLDER_MIME, parents: [], trashed: false, createdTime: new Date(0).toISOString(), modifiedTime: new Date(0).toISOString() };
    return this.items.get(resolved);
  }

  isFolder(id: string): boolean {
    const resolved = this.resolve(id);
    return resolved === this.rootId || this.items.get(resolved)?.mimeType === FOLDER_MIME;
  }

  create(meta: NewItem, content?: Buffer): DriveItem {
    const at = this.now();
    const item: DriveItem = {
      id: newId(),
      name: meta.name,
      mimeType: meta.mimeType ?? 'application/octet-stream',
      parents: (meta.parents?.length ? meta.parents : ['root']).map((p) => this.resolve(p)),
      trashed: false,
      createdTime: at,
      modifiedTime: at,
    };
    if (content) {
      item.content = content;
      item.md5Checksum = createHash('md5').update(content).digest('hex');
      if (this.sha256) item.sha256Checksum = createHash('sha256').update(content).digest('hex');
    }
    this.items.set(item.id, item);
    return item;
  }

  /** Deletes for good (files.delete skips the trash); a folder takes its descendants with it, as Drive does. */
  delete(id: string): void {
    const resolved = this.resolve(id);
    this.items.delete(resolved);
    for (const child of [...this.items.values()]) if (child.parents.includes(resolved)) this.delete(child.id);
  }

  all(): DriveItem[] {
    return [...this.items.values()];
  }

  /** Bytes counted against the quota (trashed files count too, as in Drive). */
  usedBytes(): number {
    return this.all().reduce((sum, item) => sum + (item.content?.length ?? 0), 0);
  }

  /** For tests: how many non-folder items there are (trashed ones only when asked). */
  countFiles(options: { trashed?: boolean } = {}): number {
    return this.all().filter((i) => i.mimeType !== FOLDER_MIME && (options.trashed === undefined || i.trashed === options.trashed)).length;
  }

  /** For tests: items (files and folders) with this name. */
  named(name: string): DriveItem[] {
    return this.all().filter((i) => i.name === name);
  }
}
