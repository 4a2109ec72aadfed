import type { DriveRecord, DriveStore } from './drive-store.js';
import { invalidRequest, notFound } from './graph-errors.js';

export const DRIVE_PREFIX = '/v1.0/me/drive';

export type ItemAction = 'children' | 'content' | 'createUploadSession' | 'restore' | 'delta';

/**
 * An item address under /v1.0/me/drive, as Graph writes them
 * (https://learn.microsoft.com/graph/onedrive-addressing-driveitems): `root`, `items/{id}`, either one
 * followed by `:/{path}` (path-based addressing, closed by a `:` before an action), and an optional
 * action (`/children`, `/content`, `/createUploadSession`, `/restore`, `/delta`).
 */
export interface ItemAddress {
  /** 'root', or the item id after `items/`. */
  base: 'root' | { id: string };
  /** Decoded names after `:/`; empty when the address has no path part. */
  segments: string[];
  action?: ItemAction;
}

const ADDRESS = /^\/(?:root|items\/([^/:]+))(?::(\/[^:]*):?)?(?:\/(children|content|createUploadSession|restore|delta))?$/;

/** The address in a request path, `undefined` when it is not an item address (the drive itself, or unknown). */
export function parseItemAddress(pathname: string): ItemAddress | undefined {
  if (!pathname.startsWith(`${DRIVE_PREFIX}/`)) return undefined;
  const match = ADDRESS.exec(pathname.slice(DRIVE_PREFIX.length));
  if (!match) return undefined;
  const decode = (part: string) => {
    try {
      return decodeURIComponent(part);
    } catch {
      throw invalidRequest(`The path segment "${part}" is not valid percent-encoding.`);
    }
  };
  const segments = (match[2] ?? '').split('/').filter((s) => s !== '').map(decode);
  return { base: match[1] ? { id: decode(match[1]) } : 'root', segments, action: match[3] as ItemAction | undefined };
}

/** The base item of an address (live, or deleted too when `includeDeleted`). */
export function baseItem(store: DriveStore, address: ItemAddress, includeDeleted = false): DriveRecord {
  if (address.base === 'root') return store.root;
  const item = store.items.get(address.base.id);
  if (!item || (item.deletedAt && !includeDeleted)) throw notFound(`items/${address.base.id}`);
  return item;
}

/** The live item an address names, or itemNotFound. */
export function resolveItem(store: DriveStore, address: ItemAddress, includeDeleted = false): DriveRecord {
  const base = baseItem(store, address, includeDeleted && address.segments.length === 0);
  const item = store.find(base, address.segments);
  if (!item) throw notFound(address.segments.join('/') || 'item');
  return item;
}
