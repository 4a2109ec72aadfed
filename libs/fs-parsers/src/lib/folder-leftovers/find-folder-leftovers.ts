import { lstat, realpath, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { parseMediaStoreName } from '../android-trash/media-store-name.js';
import { FsParserError, UnsupportedError } from '../errors.js';
import type { AndroidLeftover, FolderLeftover, FolderLeftoverOptions } from './folder-leftover.js';
import { isMediaFileName } from './media-extensions.js';
import { isRecycleBinUserFolder, recycleBinFolderLeftovers } from './recycle-bin-folder.js';
import { DEFAULT_WALK_LIMITS, WalkBudget, type WalkedItem, walkFolder } from './walk-folder.js';

/**
 * The photos and videos an operating system set aside in a folder — a phone's storage copied to
 * disk, a mounted SD card, a Windows drive's folder — that a plain copy would miss or misname:
 * Android MediaStore's trashed and pending files (`.trashed-<expiry>-<name>`,
 * `.pending-<expiry>-<name>`) and Windows Recycle Bin items (`$Recycle.Bin/<SID>/$R…` with their
 * `$I…`). Media is told by the file name's extension (the real name's, for a hidden or binned one).
 *
 * Read-only: folders are listed, files are stat'ed, only `$I` files are opened (read-only, without
 * following links or touching their access time). Symbolic links are never followed, so the walk
 * stays inside `root` (itself resolved when it is a link); depth and entry count are bounded (a note
 * says what was left out); `signal` stops the walk. Items come depth first, in name order.
 */
export async function* findFolderLeftovers(root: string, options: FolderLeftoverOptions = {}): AsyncGenerator<FolderLeftover> {
  const { signal, onNote = () => undefined } = options;
  const start = await realpath(root).catch((cause: unknown) => {
    throw new FsParserError(`cannot open the folder ${root}: ${(cause as Error).message}`, { cause });
  });
  if (!(await stat(start)).isDirectory()) throw new UnsupportedError(`${root} is not a folder`);
  const limits = { maxDepth: options.maxDepth ?? DEFAULT_WALK_LIMITS.maxDepth, maxEntries: options.maxEntries ?? DEFAULT_WALK_LIMITS.maxEntries };
  const budget = new WalkBudget(limits, onNote);
  if (isRecycleBinUserFolder(start)) {
    yield* recycleBinFolderLeftovers({ path: start, name: basename(start), isDirectory: true, depth: 0 }, { budget, signal });
    budget.finish();
    return;
  }
  const descend = (folder: WalkedItem) => !isRecycleBinUserFolder(folder.path);
  for await (const item of walkFolder(start, { budget, signal, descend })) {
    if (item.isDirectory && !descend(item) && budget.deepEnough(item.depth)) yield* recycleBinFolderLeftovers(item, { budget, signal });
    if (item.isDirectory) continue;
    const found = await androidLeftover(item, budget);
    if (found) yield found;
  }
  budget.finish();
}

async function androidLeftover(item: WalkedItem, budget: WalkBudget): Promise<AndroidLeftover | undefined> {
  const parsed = parseMediaStoreName(item.name);
  if (!parsed || !isMediaFileName(parsed.originalName)) return undefined;
  const { state, expiresAt, originalName } = parsed;
  const originalPath = join(dirname(item.path), originalName);
  try {
    const { size, mtime } = await lstat(item.path);
    const notes: string[] = [];
    if (await lstat(originalPath).then(() => true, () => false)) notes.push(`a file named ${originalName} is also in this folder: restore this one under another name`);
    return { kind: state === 'trashed' ? 'android-trash' : 'android-pending', state, path: item.path, originalName, originalPath, expiresAt, size, modifiedAt: mtime, notes };
  } catch (error) {
    budget.note(`${item.path} could not be examined (${(error as Error).message})`);
    return undefined;
  }
}
