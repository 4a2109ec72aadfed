import { createHash, randomBytes } from 'node:crypto';
import { createHasher } from '@afterimage/cloud-adapters';
import { GraphFailure, invalidRequest } from './graph-errors.js';

export type DriveType = 'personal' | 'business';

/** One driveItem: a folder or a file; `deletedAt` while it sits in the recycle bin. */
export interface DriveRecord {
  id: string;
  name: string;
  parentId: string | null;
  folder: boolean;
  content?: Buffer;
  quickXorHash?: string;
  sha1Hash?: string;
  createdAt: string;
  modifiedAt: string;
  version: number;
  /** Change counter for delta: the store's sequence when this item last changed. */
  seq: number;
  deletedAt?: string;
}

/** Names OneDrive refuses (https://support.microsoft.com: invalid characters in file and folder names). */
const INVALID_NAME = /["*:<>?/\\|]|^\s|\s$|^\.{1,2}$/;

/** A OneDrive in memory: items by id, names unique per folder ignoring case (as OneDrive compares them). */
export class DriveStore {
  readonly driveId = randomBytes(8).toString('hex').toUpperCase();
  readonly items = new Map<string, DriveRecord>();
  readonly root: DriveRecord;
  private sequence = 0;

  constructor(
    readonly driveType: DriveType,
    readonly quotaTotal: number,
  ) {
    this.root = this.add({ name: 'root', parentId: null, folder: true });
  }

  get seq(): number {
    return this.sequence;
  }

  /** Bytes counted against the quota: files, those in the recycle bin included (OneDrive counts both). */
  used(): number {
    let total = 0;
    for (const item of this.items.values()) total += item.content?.length ?? 0;
    return total;
  }

  deletedBytes(): number {
    let total = 0;
    for (const item of this.items.values()) if (item.deletedAt) total += item.content?.length ?? 0;
    return total;
  }

  children(folder: DriveRecord): DriveRecord[] {
    return [...this.items.values()].filter((i) => i.parentId === folder.id && !i.deletedAt).sort((a, b) => (a.name < b.name ? -1 : 1));
  }

  /** The folder an item is in (the root for the root itself). */
  parentOf(item: DriveRecord): DriveRecord {
    return (item.parentId && this.items.get(item.parentId)) || this.root;
  }

  child(folder: DriveRecord, name: string): DriveRecord | undefined {
    const lower = name.toLowerCase();
    return this.children(folder).find((i) => i.name.toLowerCase() === lower);
  }

  /** The live item at `segments` under `base`, or undefined. */
  find(base: DriveRecord, segments: string[]): DriveRecord | undefined {
    let at: DriveRecord | undefined = base;
    for (const name of segments) at = at?.folder ? this.child(at, name) : undefined;
    return at;
  }

  /** The folder at `segments`, created where missing (a path-addressed upload creates its parents). */
  ensureFolder(base: DriveRecord, segments: string[]): DriveRecord {
    let at = base;
    for (const name of segments) {
      const next = this.child(at, name);
      if (next && !next.folder) throw new GraphFailure(409, 'nameAlreadyExists', `A file named ${name} is in the way of the folder path.`);
      at = next ?? this.add({ name: checkName(name), parentId: at.id, folder: true });
    }
    return at;
  }

  /** Writes a file (a new one, or new content for the one of that name). */
  writeFile(parent: DriveRecord, name: string, bytes: Buffer): { item: DriveRecord; created: boolean } {
    const existing = this.child(parent, name);
    if (existing?.folder) throw new GraphFailure(409, 'nameAlreadyExists', `${name} is a folder.`);
    const growth = bytes.length - (existing?.content?.length ?? 0);
    if (this.used() + growth > this.quotaTotal) throw new GraphFailure(507, 'quotaLimitReached', 'Insufficient Space Available');
    const item = existing ?? this.add({ name: checkName(name), parentId: parent.id, folder: false });
    const quickXor = createHasher('quickxor');
    quickXor.update(bytes);
    Object.assign(item, { content: bytes, quickXorHash: quickXor.digest(), modifiedAt: new Date().toISOString(), version: item.version + 1, seq: ++this.sequence });
    // Personal drives also report sha1Hash (upper-case hex); OneDrive for Business does not.
    if (this.driveType === 'personal') item.sha1Hash = createHash('sha1').update(bytes).digest('hex').toUpperCase();
    return { item, created: !existing };
  }

  /** Moves an item (and what is inside it) to the recycle bin. */
  recycle(item: DriveRecord): void {
    if (item === this.root) throw invalidRequest('The root folder cannot be deleted.');
    const at = new Date().toISOString();
    const seq = ++this.sequence;
    for (const each of this.subtree(item)) Object.assign(each, { deletedAt: at, seq });
  }

  /** Puts a recycled item back where it was (its folder too, when that was recycled with it). */
  restore(item: DriveRecord): DriveRecord {
    if (!item.deletedAt) throw invalidRequest('The item is not in the recycle bin.');
    const parent = item.parentId ? this.items.get(item.parentId) : undefined;
    if (!parent || parent.deletedAt) throw new GraphFailure(409, 'conflict', 'The folder the item was in is not there any more.');
    if (this.child(parent, item.name)) throw new GraphFailure(409, 'nameAlreadyExists', `An item named ${item.name} already exists in that folder.`);
    const seq = ++this.sequence;
    for (const each of this.subtree(item)) if (each.deletedAt === item.deletedAt) Object.assign(each, { deletedAt: undefined, seq });
    return item;
  }

  /** '/drive/root:' and the percent-encoded names of the folders above `item` (itemReference.path). */
  parentPath(item: DriveRecord): string | undefined {
    const names: string[] = [];
    for (let at = item.parentId ? this.items.get(item.parentId) : undefined; at && at !== this.root; at = at.parentId ? this.items.get(at.parentId) : undefined) {
      names.unshift(encodeURIComponent(at.name));
    }
    return item === this.root ? undefined : ['/drive/root:', ...names].join('/');
  }

  private subtree(item: DriveRecord): DriveRecord[] {
    const out = [item];
    for (const parent of out) for (const each of this.items.values()) if (each.parentId === parent.id) out.push(each);
    return out;
  }

  private add(fields: Pick<DriveRecord, 'name' | 'parentId' | 'folder'>): DriveRecord {
    const now = new Date().toISOString();
    const item: DriveRecord = { ...fields, id: `${this.driveId}!${this.items.size + 100}`, createdAt: now, modifiedAt: now, version: 0, seq: ++this.sequence };
    this.items.set(item.id, item);
    return item;
  }
}

function checkName(name: string): string {
  if (!name || name.length > 400 || INVALID_NAME.test(name)) throw invalidRequest(`The name "${name}" contains characters OneDrive does not allow, or is empty.`);
  return name;
}
