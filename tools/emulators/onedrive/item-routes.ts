import type { EmulatorRequest, EmulatorResponse } from '../lib/server.js';
import { driveItemJson, driveJson } from './drive-item-json.js';
import type { DriveStore } from './drive-store.js';
import { baseItem, DRIVE_PREFIX, type ItemAddress, resolveItem } from './graph-address.js';
import { GraphFailure, invalidRequest, notFound } from './graph-errors.js';

/** The simple upload API "only supports files up to 4MB in size" (driveitem-put-content). */
export const SIMPLE_UPLOAD_MAX = 4 * 1024 * 1024;

export interface ItemRouteOptions {
  /** Children per page when the request gives no $top (Graph's own default is 200). */
  pageSize: number;
}

/** GET /v1.0/me/drive: the drive with its driveType and quota (drive-get). */
export function getDrive(store: DriveStore): EmulatorResponse {
  return { status: 200, body: { '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#drives/$entity', ...driveJson(store) } };
}

/**
 * GET an item (driveitem-get): by path (`root:/a/b.jpg`) or id. `includeDeletedItems=true` returns an
 * item in the recycle bin, "only valid when targeting a driveItem by ID", and "currently only
 * supported on OneDrive Personal".
 */
export function getItem(store: DriveStore, request: EmulatorRequest, address: ItemAddress): EmulatorResponse {
  const withDeleted = request.query.get('includeDeletedItems') === 'true' && store.driveType === 'personal' && address.base !== 'root';
  const item = resolveItem(store, address, withDeleted);
  return { status: 200, body: driveItemJson(store, item, request.origin) };
}

/** GET …/children (driveitem-list-children): pages of `$top` with an `@odata.nextLink` carrying `$skiptoken`. */
export function listChildren(store: DriveStore, request: EmulatorRequest, address: ItemAddress, options: ItemRouteOptions): EmulatorResponse {
  const folder = resolveItem(store, address);
  if (!folder.folder) throw invalidRequest('The item is not a folder.');
  const top = Number(request.query.get('$top') ?? options.pageSize);
  const skip = Number(request.query.get('$skiptoken') ?? 0);
  if (!Number.isInteger(top) || top < 1 || top > 1000) throw invalidRequest('$top must be between 1 and 1000.');
  if (!Number.isInteger(skip) || skip < 0) throw invalidRequest('Invalid $skiptoken.');
  const all = store.children(folder);
  const page = all.slice(skip, skip + top);
  const body: Record<string, unknown> = { value: page.map((item) => driveItemJson(store, item, request.origin)) };
  if (skip + top < all.length) {
    body['@odata.nextLink'] = `${request.origin}${DRIVE_PREFIX}/items/${encodeURIComponent(folder.id)}/children?$top=${top}&$skiptoken=${skip + top}`;
  }
  return { status: 200, body };
}

/** GET …/content (driveitem-get-content): 302 to a pre-authenticated download URL. */
export function downloadRedirect(store: DriveStore, request: EmulatorRequest, address: ItemAddress): EmulatorResponse {
  const item = resolveItem(store, address);
  if (item.folder) throw invalidRequest('A folder has no content to download.');
  return { status: 302, headers: { location: `${request.origin}/download/${encodeURIComponent(item.id)}` } };
}

/** GET /download/{id}: the bytes, no Authorization needed (the URL itself is the grant). */
export function download(store: DriveStore, id: string): EmulatorResponse {
  const item = store.items.get(id);
  if (!item || item.deletedAt || item.folder) throw notFound(`download/${id}`);
  return { status: 200, headers: { 'content-type': 'application/octet-stream' }, body: item.content ?? Buffer.alloc(0) };
}

/**
 * PUT …/content (driveitem-put-content): a new file at `root:/{parent path}/{name}:/content` (missing
 * parent folders are created) or new content for `items/{id}/content`; 201 for a new file, 200 for a
 * replaced one; `@microsoft.graph.conflictBehavior=fail` refuses an existing name with 409.
 */
export function putContent(store: DriveStore, request: EmulatorRequest, address: ItemAddress): EmulatorResponse {
  if (request.body.length > SIMPLE_UPLOAD_MAX) {
    throw new GraphFailure(413, 'invalidRequest', 'The simple upload API supports files up to 4 MB; upload larger files with an upload session.');
  }
  const base = baseItem(store, address);
  const target = address.segments.length === 0 ? base : undefined;
  if (target && target.folder) throw invalidRequest('Content can only be written to a file.');
  const parent = target ? store.parentOf(target) : store.ensureFolder(base, address.segments.slice(0, -1));
  const name = target ? target.name : (address.segments.at(-1) ?? '');
  if (request.query.get('@microsoft.graph.conflictBehavior') === 'fail' && store.child(parent, name)) {
    throw new GraphFailure(409, 'nameAlreadyExists', `An item named ${name} already exists.`);
  }
  const { item, created } = store.writeFile(parent, name, request.body);
  return { status: created ? 201 : 200, body: driveItemJson(store, item, request.origin) };
}

/** DELETE an item (driveitem-delete): it moves to the recycle bin; 204 No Content. */
export function deleteItem(store: DriveStore, address: ItemAddress): EmulatorResponse {
  store.recycle(resolveItem(store, address));
  return { status: 204 };
}
