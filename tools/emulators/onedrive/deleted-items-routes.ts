import type { EmulatorRequest, EmulatorResponse } from '../lib/server.js';
import { driveItemJson } from './drive-item-json.js';
import type { DriveStore } from './drive-store.js';
import { DRIVE_PREFIX, type ItemAddress } from './graph-address.js';
import { GraphFailure, invalidRequest, notFound } from './graph-errors.js';

/**
 * What Graph v1.0 offers for deleted OneDrive items, and nothing more (there is no "list the recycle
 * bin" call for a OneDrive in v1.0):
 * - `GET /me/drive/root/delta` (driveitem-delta) reports items, deleted ones "with the deleted facet";
 *   a first call without a token enumerates the drive's state (the documented first page shows a
 *   deleted item too), later calls use the `@odata.deltaLink` token and get what changed since;
 * - `GET /me/drive/items/{id}?includeDeletedItems=true` (driveitem-get; OneDrive Personal only);
 * - `POST /me/drive/items/{id}/restore` (driveitem-restore): "currently only available for OneDrive
 *   Personal"; 200 with the restored driveItem; work or school accounts: "Not supported".
 */
export function delta(store: DriveStore, request: EmulatorRequest, address: ItemAddress, pageSize: number): EmulatorResponse {
  if (address.base !== 'root' || address.segments.length > 0) throw invalidRequest('This emulator answers delta on the drive root only.');
  const top = Number(request.query.get('$top') ?? pageSize);
  if (!Number.isInteger(top) || top < 1 || top > 1000) throw invalidRequest('$top must be between 1 and 1000.');
  const link = (query: string) => `${request.origin}${DRIVE_PREFIX}/root/delta?${query}`;
  const token = request.query.get('token');
  if (token === 'latest') return { status: 200, body: { value: [], '@odata.deltaLink': link(`token=${store.seq}`) } };
  // Page state "since.offset.upto": changes after `since` up to the snapshot `upto`, from `offset` (since −1: the whole state).
  const state = (request.query.get('$skiptoken') ?? `${token === null ? -1 : token}.0.${store.seq}`).split('.').map(Number);
  const [since = NaN, offset = NaN, upto = NaN] = state;
  if (state.length !== 3 || !state.every(Number.isInteger) || since < -1 || since > store.seq || offset < 0) {
    throw new GraphFailure(410, 'resyncChangesApplyDifferences', 'The delta token is not valid; enumerate again.', { location: link('') });
  }
  const changed = [...store.items.values()].filter((item) => item.seq > since && item.seq <= upto).sort((a, b) => a.seq - b.seq);
  const page = changed.slice(offset, offset + top);
  const body: Record<string, unknown> = { value: page.map((item) => driveItemJson(store, item, request.origin, 'delta')) };
  if (offset + top < changed.length) body['@odata.nextLink'] = link(`$top=${top}&$skiptoken=${since}.${offset + top}.${upto}`);
  else body['@odata.deltaLink'] = link(`token=${upto}`);
  return { status: 200, body };
}

/** POST /me/drive/items/{id}/restore, with an optional body { parentReference: { id }, name }. */
export function restore(store: DriveStore, request: EmulatorRequest, address: ItemAddress): EmulatorResponse {
  if (store.driveType !== 'personal') {
    throw new GraphFailure(501, 'notSupported', 'Restoring deleted items is only available for OneDrive Personal.');
  }
  if (address.base === 'root' || address.segments.length > 0) throw invalidRequest('Restore addresses a deleted item by its id.');
  const item = store.items.get(address.base.id);
  if (!item) throw notFound(`items/${address.base.id}`);
  let options: { parentReference?: { id?: unknown }; name?: unknown } = {};
  if (request.body.length > 0) {
    try {
      options = JSON.parse(request.body.toString('utf8')) as typeof options;
    } catch {
      throw invalidRequest('The request body is not JSON.');
    }
  }
  const parentId = options.parentReference?.id;
  if (typeof parentId === 'string') {
    const parent = store.items.get(parentId);
    if (!parent?.folder || parent.deletedAt) throw notFound(`items/${parentId}`);
  }
  const before = { name: item.name, parentId: item.parentId };
  if (typeof options.name === 'string') item.name = options.name;
  if (typeof parentId === 'string') item.parentId = parentId;
  try {
    return { status: 200, body: driveItemJson(store, store.restore(item), request.origin) };
  } catch (error) {
    Object.assign(item, before);
    throw error;
  }
}
