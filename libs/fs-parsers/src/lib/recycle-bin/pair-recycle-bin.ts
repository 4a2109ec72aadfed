import { isFsParserError } from '../errors.js';
import type { ByteRun, FsEntry, RecycledFrom } from '../filesystem.js';
import type { ByteSource } from '../source/byte-source.js';
import { readByteRuns } from '../source/read-runs.js';
import { type BinItem, binItem, windowsBaseName } from './bin-paths.js';
import { MAX_INFO_BYTES, type RecycleBinInfo, parseRecycleBinInfo } from './info-file.js';

/** One `$I` and the `$R` it describes; either side may be missing. */
export interface RecyclePair {
  sid: string;
  /** The `$R` entry (the content); absent when only the `$I` is left. */
  recycledPath?: string;
  /** The `$I` entry; absent when only the `$R` is left. */
  infoPath?: string;
  info?: RecycleBinInfo;
  /** Entries given `recycled`: the `$R` itself and, for a folder, everything under it. */
  annotated: number;
  notes: string[];
}

export interface RecycleBinReport {
  pairs: RecyclePair[];
  notes: string[];
}

/** `$I` files read at most (each at most MAX_INFO_BYTES). */
const MAX_INFO_FILES = 100_000;

/**
 * Pairs each `$R…` with its `$I…` in the same `$Recycle.Bin/<SID>/` folder, live or deleted (after
 * "Empty Recycle Bin" both are deleted entries, still readable while their clusters are free), and
 * sets `recycled` (original path, name, deletion time, SID) on the `$R` entry and, for a folder, on
 * everything under it. The entries are annotated in place. `$I` bytes are read through their
 * byteRuns from `source`, the ByteSource the filesystem was opened on; a bad `$I` is a note.
 */
export async function pairRecycleBin(entries: FsEntry[], source: ByteSource, options: { signal?: AbortSignal } = {}): Promise<RecycleBinReport> {
  const groups = new Map<string, { R: BinItem[]; I: BinItem[] }>();
  for (const entry of entries) {
    const item = binItem(entry);
    if (!item) continue;
    const group = groups.get(item.key) ?? { R: [], I: [] };
    group[item.kind].push(item);
    groups.set(item.key, group);
  }
  const report: RecycleBinReport = { pairs: [], notes: [] };
  const children = childrenByFolder(entries);
  let read = 0;
  for (const { R, I } of groups.values()) {
    options.signal?.throwIfAborted();
    // Live with live, deleted with deleted: an emptied bin's pair was deleted together.
    const infos = [...I].sort((a, b) => Number(a.entry.deleted) - Number(b.entry.deleted));
    for (const r of R.length > 0 ? R : [undefined]) {
      const i = infos.find((x) => x.entry.deleted === r?.entry.deleted) ?? infos[0];
      const pair: RecyclePair = { sid: (r ?? i)?.sid ?? '', annotated: 0, notes: [] };
      if (r) pair.recycledPath = r.entry.path;
      if (i) pair.infoPath = i.entry.path;
      report.pairs.push(pair);
      if (!i) {
        pair.notes.push('no $I file: the original path and deletion time are unknown');
        continue;
      }
      if (read++ >= MAX_INFO_FILES) {
        if (read === MAX_INFO_FILES + 1) report.notes.push(`stopped reading $I files after ${MAX_INFO_FILES}`);
        continue;
      }
      const info = await readInfo(source, i.entry, pair.notes);
      if (!info) continue;
      pair.info = info;
      if (!r) pair.notes.push('the $R file is gone: only where it was and when it was deleted are known');
      else annotate(pair, r, i, info, children);
    }
  }
  return report;
}

async function readInfo(source: ByteSource, entry: FsEntry, notes: string[]): Promise<RecycleBinInfo | undefined> {
  if (entry.isDirectory) return void notes.push(`${entry.path} is a folder, not a $I file`);
  const runs = cutRuns(entry.byteRuns, Math.min(entry.size, MAX_INFO_BYTES));
  if (runs.length === 0) return void notes.push(`${entry.path}: no content left to read (${entry.notes.join('; ') || 'no byte runs'})`);
  try {
    const info = parseRecycleBinInfo(await readByteRuns(source, runs, MAX_INFO_BYTES));
    notes.push(...info.notes.map((note) => `${entry.path}: ${note}`));
    return info;
  } catch (error) {
    if (!isFsParserError(error)) throw error;
    return void notes.push(`${entry.path}: ${error.message}`);
  }
}

function annotate(pair: RecyclePair, r: BinItem, i: BinItem, info: RecycleBinInfo, children: Map<string, FsEntry[]>): void {
  const base: Omit<RecycledFrom, 'originalPath' | 'originalName'> = { sid: r.sid, infoPath: i.entry.path, ...(info.deletedAt ? { deletedAt: info.deletedAt } : {}) };
  r.entry.recycled = { originalPath: info.originalPath, originalName: windowsBaseName(info.originalPath), ...base };
  pair.annotated = 1;
  if (!r.entry.isDirectory && r.entry.size !== info.originalSize) {
    pair.notes.push(`the $I gives ${info.originalSize} bytes, the $R holds ${r.entry.size}`);
  }
  // A folder in the bin: everything under it was under the original folder. Each path is expanded
  // once (a live and a deleted folder may share one), so the work is bounded by the entry list.
  const queue: string[] = r.entry.isDirectory ? [r.entry.path] : [];
  const expanded = new Set<string>();
  for (let folder = queue.shift(); folder !== undefined; folder = queue.shift()) {
    if (expanded.has(folder)) continue;
    expanded.add(folder);
    for (const child of children.get(folder) ?? []) {
      const relative = child.path.slice(r.entry.path.length + 1);
      child.recycled = { originalPath: `${info.originalPath}\\${relative.replaceAll('/', '\\')}`, originalName: child.name, ...base };
      pair.annotated++;
      if (child.isDirectory) queue.push(child.path);
    }
  }
}

function childrenByFolder(entries: readonly FsEntry[]): Map<string, FsEntry[]> {
  const byFolder = new Map<string, FsEntry[]>();
  for (const entry of entries) {
    const folder = entry.path.slice(0, entry.path.lastIndexOf('/'));
    const list = byFolder.get(folder);
    if (list) list.push(entry);
    else byFolder.set(folder, [entry]);
  }
  return byFolder;
}

function cutRuns(runs: readonly ByteRun[], limit: number): ByteRun[] {
  const out: ByteRun[] = [];
  for (let left = limit, k = 0; left > 0 && k < runs.length; k++) {
    const run = runs[k] as ByteRun;
    out.push({ offset: run.offset, length: Math.min(run.length, left) });
    left -= run.length;
  }
  return out.filter((r) => r.length > 0);
}
