import { lstat } from 'node:fs/promises';
import { relative, sep } from 'node:path';
import { isFsParserError } from '../errors.js';
import type { FsEntry } from '../filesystem.js';
import { binItem, windowsBaseName } from '../recycle-bin/bin-paths.js';
import { MAX_INFO_BYTES, type RecycleBinInfo, parseRecycleBinInfo } from '../recycle-bin/info-file.js';
import type { RecycleBinLeftover } from './folder-leftover.js';
import { isMediaFileName } from './media-extensions.js';
import { readHead } from './read-head.js';
import { type WalkBudget, type WalkedItem, walkFolder } from './walk-folder.js';

/** A host path as an FsEntry the Recycle Bin's name rules (bin-paths.ts) can judge: '/'-separated, live. */
const asEntry = (path: string, isDirectory = false): FsEntry => ({
  path: path.split(sep).join('/'),
  name: path.slice(path.lastIndexOf(sep) + 1),
  isDirectory,
  deleted: false,
  size: 0,
  firstCluster: 0,
  byteRuns: [],
  confidence: 'unknown',
  notes: [],
});

/** True for a `$Recycle.Bin/<SID>` folder (`$RECYCLE.BIN` on FAT): a `$R…` inside it would be a bin item. */
export const isRecycleBinUserFolder = (path: string) => binItem(asEntry(`${path}${sep}$R0`)) !== undefined;

interface Context {
  readonly budget: WalkBudget;
  readonly signal?: AbortSignal;
}

/**
 * The photos and videos of one `$Recycle.Bin/<SID>` folder: each `$R…` paired with its `$I…` (same
 * suffix) gets the original Windows path, name and deletion time; a `$R…` folder's media files get
 * the folder's original path joined with their place in it. A `$R` without its `$I` is listed with
 * what is known; a bad `$I` or one without its `$R` is a note.
 */
export async function* recycleBinFolderLeftovers(userFolder: WalkedItem, context: Context): AsyncGenerator<RecycleBinLeftover> {
  const { budget, signal } = context;
  const groups = new Map<string, { R: WalkedItem[]; I: WalkedItem[] }>();
  for await (const item of walkFolder(userFolder.path, { budget, signal, startDepth: userFolder.depth, descend: () => false })) {
    const bin = binItem(asEntry(item.path, item.isDirectory));
    if (!bin) continue;
    const group = groups.get(bin.key) ?? { R: [], I: [] };
    group[bin.kind].push(item);
    groups.set(bin.key, group);
  }
  for (const { R, I } of groups.values()) {
    const infoFile = I.find((i) => !i.isDirectory);
    const notes: string[] = [];
    const info = infoFile && (await readInfo(infoFile.path, notes));
    if (R.length === 0) {
      budget.note(`${infoFile?.path ?? I[0]?.path}: no $R beside it: the item${info ? ` (${info.originalPath})` : ''} is gone from the bin`);
      continue;
    }
    const base = { sid: userFolder.name, ...(infoFile ? { infoPath: infoFile.path } : {}), ...(info?.deletedAt ? { deletedAt: new Date(info.deletedAt) } : {}) };
    if (!infoFile) notes.push('no $I file: the original path and deletion time are unknown');
    for (const r of R) {
      if (!r.isDirectory) {
        const originalName = info ? windowsBaseName(info.originalPath) : r.name;
        if (!isMediaFileName(originalName) && !isMediaFileName(r.name)) continue;
        const found = await leftover(r.path, { ...base, ...(info ? { originalPath: info.originalPath } : {}), originalName, notes }, budget);
        if (found && info && found.size !== info.originalSize) found.notes.push(`the $I gives ${info.originalSize} bytes, the $R holds ${found.size}`);
        if (found) yield found;
        continue;
      }
      if (!budget.deepEnough(r.depth)) continue;
      for await (const item of walkFolder(r.path, { budget, signal, startDepth: r.depth })) {
        if (item.isDirectory || !isMediaFileName(item.name)) continue;
        const inside = relative(r.path, item.path).split(sep).join('\\');
        const found = await leftover(item.path, { ...base, ...(info ? { originalPath: `${info.originalPath}\\${inside}` } : {}), originalName: item.name, notes }, budget);
        if (found) yield found;
      }
    }
  }
}

async function leftover(path: string, known: Omit<RecycleBinLeftover, 'kind' | 'path' | 'size'>, budget: WalkBudget): Promise<RecycleBinLeftover | undefined> {
  try {
    const { size } = await lstat(path);
    return { kind: 'recycle-bin', path, ...known, size, notes: [...known.notes] };
  } catch (error) {
    budget.note(`${path} could not be examined (${(error as Error).message})`);
    return undefined;
  }
}

async function readInfo(path: string, notes: string[]): Promise<RecycleBinInfo | undefined> {
  try {
    const info = parseRecycleBinInfo(await readHead(path, MAX_INFO_BYTES));
    notes.push(...info.notes.map((note) => `${path}: ${note}`));
    return info;
  } catch (error) {
    if (!isFsParserError(error)) throw error;
    notes.push(`${path}: ${error.message}`);
    return undefined;
  }
}
