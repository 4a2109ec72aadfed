import type { CatalogRecord } from './catalog-record.js';
import { ROOT_FOLDER_ID } from './catalog-record.js';
import { displayName } from './unicode-name.js';

const MAX_DEPTH = 512;

/** Where a folder hangs: its parent's ID and its stored name. */
interface Link {
  parentID: number;
  rawName: string;
  deleted: boolean;
}

/**
 * Folder paths from folder records and thread records, live ones first, then leftovers from slack
 * (a deleted folder). Loop-safe: a parent chain that comes back on itself or runs past 512 levels
 * gives no path.
 */
export class CatalogPaths {
  private readonly links = new Map<number, Link>();
  private readonly cache = new Map<number, { path: string; deleted: boolean } | null>();

  add(record: CatalogRecord, deleted: boolean): void {
    if (record.type === 'file') return;
    const id = record.type === 'folder' ? record.id : record.key.parentID;
    if (record.type === 'thread' && !record.folder) return;
    if (this.links.has(id) && (deleted || !this.links.get(id)?.deleted)) return;
    const link = record.type === 'folder' ? { parentID: record.key.parentID, rawName: record.key.rawName } : { parentID: record.parentID, rawName: record.rawName };
    this.links.set(id, { ...link, deleted });
  }

  /** '/a/b' for folder `id` ('' for the root), whether a deleted folder is on the way, or null when unknown. */
  folderPath(id: number): { path: string; deleted: boolean } | null {
    const cached = this.cache.get(id);
    if (cached !== undefined) return cached;
    const parts: string[] = [];
    let deleted = false;
    const seen = new Set<number>();
    let result: { path: string; deleted: boolean } | null = null;
    for (let at = id; ; ) {
      if (at === ROOT_FOLDER_ID) {
        result = { path: parts.reverse().map((p) => `/${p}`).join(''), deleted };
        break;
      }
      const link = this.links.get(at);
      if (!link || seen.has(at) || seen.size > MAX_DEPTH) break;
      seen.add(at);
      parts.push(displayName(link.rawName));
      deleted ||= link.deleted;
      at = link.parentID;
    }
    this.cache.set(id, result);
    return result;
  }
}
