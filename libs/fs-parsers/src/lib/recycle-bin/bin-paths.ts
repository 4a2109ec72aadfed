import type { FsEntry } from '../filesystem.js';

/** `$Recycle.Bin` (Vista and later; `$RECYCLE.BIN` on FAT); '_' stands for a '$' lost on deletion. */
const BIN_FOLDER = /^[$_]recycle\.bin$/i;
const SID = /^S-1-\d+(-\d+)*$/i;
const ITEM = /^([$_])([RI])(.+)$/i;

/** An entry right inside `$Recycle.Bin/<SID>/` named `$R…` or `$I…`. */
export interface BinItem {
  entry: FsEntry;
  kind: 'R' | 'I';
  sid: string;
  /** The SID folder's path and the suffix after `$R`/`$I`, lower-cased: what a pair shares. */
  key: string;
}

/**
 * Recognises `$R…` and `$I…` entries in a `$Recycle.Bin/<SID>/` folder, wherever that folder lies
 * (a partition's root, /$OrphanFiles/…). A name starting '_' counts only for a deleted entry: FAT
 * replaces the first character of a deleted 8.3 name, and `$RABC123.jpg` is an 8.3 name.
 */
export function binItem(entry: FsEntry): BinItem | undefined {
  const parts = entry.path.split('/');
  const name = parts[parts.length - 1] ?? '';
  const sid = parts[parts.length - 2] ?? '';
  if (parts.length < 4 || !BIN_FOLDER.test(parts[parts.length - 3] ?? '') || !SID.test(sid)) return undefined;
  const match = ITEM.exec(entry.inferredName ?? name);
  if (!match || (match[1] === '_' && !entry.deleted)) return undefined;
  const folder = parts.slice(0, -1).join('/');
  return { entry, kind: (match[2] ?? '').toUpperCase() as 'R' | 'I', sid, key: `${folder}\u0000${(match[3] ?? '').toLowerCase()}`.toLowerCase() };
}

/** The last component of a Windows path (`E:\DCIM\IMG_0042.JPG` → `IMG_0042.JPG`). */
export function windowsBaseName(path: string): string {
  const trimmed = path.replace(/[\\/]+$/, '');
  return trimmed.slice(Math.max(trimmed.lastIndexOf('\\'), trimmed.lastIndexOf('/')) + 1) || trimmed;
}
