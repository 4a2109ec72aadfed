import { createHasher } from '@afterimage/cloud-adapters';
import { randomBytes } from 'node:crypto';

/** One stored version of a file; Dropbox names it by its `rev` (hex, at least 9 characters). */
export interface Revision {
  rev: string;
  bytes: Buffer;
  contentHash: string;
  serverModified: string;
}

/** A file path and its history; the current version is the last revision unless the file is deleted. */
export interface FileNode {
  id: string;
  display: string;
  revisions: Revision[];
  deletedAt?: string;
}

export interface FolderNode {
  id: string;
  display: string;
  deletedAt?: string;
}

/** The current version of a file (a file node always has one). */
export function currentOf(node: FileNode): Revision {
  const revision = node.revisions.at(-1);
  if (!revision) throw new Error(`dropbox emulator: ${node.display} has no revision`);
  return revision;
}

/** Dropbox timestamps are ISO 8601 in UTC, to the second ("2015-05-12T15:50:38Z"). */
export const timestamp = (): string => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');

export const contentHashOf = (bytes: Buffer): string => {
  const hasher = createHasher('dropbox');
  hasher.update(bytes);
  return hasher.digest();
};

/**
 * The emulated Dropbox: files and folders keyed by their lower-cased path (Dropbox paths are
 * case-insensitive; `path_display` keeps the case they were created with), with every revision kept
 * so deleted files can be listed and restored, and a quota for `insufficient_space`.
 */
export class DropboxStore {
  readonly files = new Map<string, FileNode>();
  readonly folders = new Map<string, FolderNode>();
  /** Bytes the account may hold (current versions of live files). */
  quotaBytes = Number.POSITIVE_INFINITY;
  /** Test hook: the next stored file keeps its bytes with one flipped (silent corruption after the checks). */
  corruptNextWrite = false;
  private revCounter = 0x1000;

  newId = (): string => `id:${randomBytes(9).toString('base64url')}`;
  private newRev = (): string => `${(++this.revCounter).toString(16).padStart(9, '0')}${randomBytes(2).toString('hex')}`;

  liveFile(lower: string): FileNode | undefined {
    const node = this.files.get(lower);
    return node && !node.deletedAt ? node : undefined;
  }

  liveFolder(lower: string): FolderNode | undefined {
    const node = this.folders.get(lower);
    return node && !node.deletedAt ? node : undefined;
  }

  usedBytes(): number {
    let used = 0;
    for (const node of this.files.values()) if (!node.deletedAt) used += node.revisions.at(-1)?.bytes.length ?? 0;
    return used;
  }

  /** Whether `size` bytes written at `lower` (replacing what is there) stay within the quota. */
  fits(lower: string, size: number): boolean {
    return this.usedBytes() - (this.liveFile(lower)?.revisions.at(-1)?.bytes.length ?? 0) + size <= this.quotaBytes;
  }

  /** A conflict with what is at `path` or above it (WriteConflictError), or undefined. */
  conflictAt(path: string): 'file' | 'folder' | 'file_ancestor' | undefined {
    const parts = path.split('/').slice(1);
    for (let i = 1; i < parts.length; i++) if (this.liveFile(`/${parts.slice(0, i).join('/')}`.toLowerCase())) return 'file_ancestor';
    return this.liveFolder(path.toLowerCase()) ? 'folder' : undefined;
  }

  /** Writes a new revision at `path`, creating the folders above it. */
  write(path: string, bytes: Buffer): FileNode {
    const lower = path.toLowerCase();
    const parts = path.split('/').slice(1);
    let display = '';
    for (const part of parts.slice(0, -1)) {
      display += `/${part}`;
      const folder = this.folders.get(display.toLowerCase());
      if (!folder) this.folders.set(display.toLowerCase(), { id: this.newId(), display });
      else {
        delete folder.deletedAt;
        display = folder.display;
      }
    }
    const node = this.files.get(lower) ?? { id: this.newId(), display: `${display}/${parts.at(-1)}`, revisions: [] };
    const stored = Buffer.from(bytes);
    if (this.corruptNextWrite && stored.length > 0) {
      this.corruptNextWrite = false;
      stored[0] ^= 0xff;
    }
    node.revisions.push({ rev: this.newRev(), bytes: stored, contentHash: contentHashOf(stored), serverModified: timestamp() });
    delete node.deletedAt;
    this.files.set(lower, node);
    return node;
  }

  /** Marks the file, or the folder and everything under it, deleted (revisions are kept). */
  delete(lower: string): void {
    const at = timestamp();
    const file = this.liveFile(lower);
    if (file) file.deletedAt = at;
    if (!this.liveFolder(lower)) return;
    for (const [key, node] of [...this.files, ...this.folders]) {
      if ((key === lower || key.startsWith(`${lower}/`)) && !node.deletedAt) node.deletedAt = at;
    }
  }

  /** The revision with this rev, anywhere in the account. */
  revision(rev: string): Revision | undefined {
    for (const node of this.files.values()) {
      const found = node.revisions.find((r) => r.rev === rev);
      if (found) return found;
    }
    return undefined;
  }
}
