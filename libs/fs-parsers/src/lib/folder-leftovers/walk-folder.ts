import type { Dirent } from 'node:fs';
import { lstat, opendir } from 'node:fs/promises';
import { join } from 'node:path';

export interface WalkLimits {
  /** Folder levels below the root that are listed (the root's own files are at depth 1). */
  readonly maxDepth: number;
  /** Directory entries read in all, over every folder. */
  readonly maxEntries: number;
}

export const DEFAULT_WALK_LIMITS: WalkLimits = { maxDepth: 32, maxEntries: 1_000_000 };

/**
 * What one walk has used, shared with the walks nested in it (a Recycle Bin folder's content), so
 * the limits hold for the whole walk, and every folder is listed once whatever the path to it.
 */
export class WalkBudget {
  entries = 0;
  symbolicLinks = 0;
  stopped = false;
  readonly visited = new Set<string>();
  private tooDeep = 0;
  constructor(
    readonly limits: WalkLimits,
    readonly note: (note: string) => void,
  ) {}

  /** Says once, at the end, what was left out. */
  finish(): void {
    if (this.symbolicLinks > 0) this.note(`${this.symbolicLinks} symbolic link(s) were not followed`);
    if (this.tooDeep > 0) this.note(`${this.tooDeep} folder(s) deeper than ${this.limits.maxDepth} levels were not listed`);
  }

  /** False (and counted) for a folder deeper than the limit. */
  deepEnough(depth: number): boolean {
    if (depth <= this.limits.maxDepth) return true;
    this.tooDeep++;
    return false;
  }
}

export interface WalkedItem {
  path: string;
  name: string;
  isDirectory: boolean;
  /** 1 for what the walk's root holds (plus `startDepth`). */
  depth: number;
}

export interface WalkOptions {
  readonly budget: WalkBudget;
  readonly signal?: AbortSignal;
  /** The root's depth in an enclosing walk. */
  readonly startDepth?: number;
  /** Whether to list a folder's content (after the folder itself was yielded); default yes. */
  descend?(folder: WalkedItem): boolean;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * The files and folders under `root`, read-only, folders in name order, depth first. Symbolic
 * links are never followed (nor anything other than files and folders yielded), so the walk cannot
 * leave the tree; a folder reached twice (a bind mount) is listed once. A folder that cannot be read
 * is a note. Stops, with a note, at the budget's limits; honours `signal` between entries.
 */
export async function* walkFolder(root: string, options: WalkOptions): AsyncGenerator<WalkedItem> {
  const { budget, signal } = options;
  if (!(await firstVisit(root, budget))) return;
  const stack = [{ folder: root, depth: options.startDepth ?? 0 }];
  for (let next = stack.pop(); next && !budget.stopped; next = stack.pop()) {
    const inside: { folder: string; depth: number }[] = [];
    for (const dirent of await list(next.folder, budget, signal)) {
      signal?.throwIfAborted();
      const item = { path: join(next.folder, dirent.name), name: dirent.name, depth: next.depth + 1 };
      const type = await typeOf(dirent, item.path);
      if (type === 'link') budget.symbolicLinks++;
      if (type === 'file') yield { ...item, isDirectory: false };
      if (type !== 'folder') continue;
      const folder = { ...item, isDirectory: true };
      yield folder;
      if ((options.descend?.(folder) ?? true) && budget.deepEnough(folder.depth) && (await firstVisit(folder.path, budget))) inside.push({ folder: folder.path, depth: folder.depth });
    }
    stack.push(...inside.reverse());
  }
}

/** Names come in no order from the disk; read at most what the budget allows, then sort them. */
async function list(folder: string, budget: WalkBudget, signal?: AbortSignal): Promise<Dirent[]> {
  const found: Dirent[] = [];
  try {
    for await (const dirent of await opendir(folder, { bufferSize: 64 })) {
      signal?.throwIfAborted();
      if (budget.entries++ >= budget.limits.maxEntries) {
        budget.stopped = true;
        budget.note(`stopped after ${budget.limits.maxEntries} entries: the rest of the folder was not examined`);
        break;
      }
      found.push(dirent);
    }
  } catch (error) {
    signal?.throwIfAborted();
    budget.note(`${folder} could not be listed (${message(error)})`);
  }
  return found.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Some filesystems give no type with a name: then lstat says (never stat, which follows links). */
async function typeOf(dirent: Dirent, path: string): Promise<'file' | 'folder' | 'link' | 'other'> {
  const known = dirent.isFile() || dirent.isDirectory() || dirent.isSymbolicLink() || dirent.isFIFO() || dirent.isSocket() || dirent.isBlockDevice() || dirent.isCharacterDevice();
  const info = known ? dirent : await lstat(path).catch(() => undefined);
  if (!info) return 'other';
  return info.isSymbolicLink() ? 'link' : info.isFile() ? 'file' : info.isDirectory() ? 'folder' : 'other';
}

/** Marks a folder visited by device and inode; false when it was already, or cannot be looked at. */
async function firstVisit(folder: string, budget: WalkBudget): Promise<boolean> {
  try {
    const { dev, ino } = await lstat(folder, { bigint: true });
    const key = `${dev}:${ino}`;
    if (budget.visited.has(key)) {
      budget.note(`${folder} is a folder already listed (a bind mount or a loop): listed once`);
      return false;
    }
    budget.visited.add(key);
    return true;
  } catch (error) {
    budget.note(`${folder} could not be examined (${message(error)})`);
    return false;
  }
}
