import type { DriveRecord, DriveStore } from './drive-store.js';

const MIME: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  heic: 'image/heic',
  gif: 'image/gif',
  mp4: 'video/mp4',
  mov: 'video/quicktime',
  txt: 'text/plain',
};

function mimeType(name: string): string {
  return MIME[name.slice(name.lastIndexOf('.') + 1).toLowerCase()] ?? 'application/octet-stream';
}

function sizeOf(store: DriveStore, item: DriveRecord): number {
  if (!item.folder) return item.content?.length ?? 0;
  return store.children(item).reduce((sum, child) => sum + sizeOf(store, child), 0);
}

/**
 * A driveItem as Graph v1.0 returns it (https://learn.microsoft.com/graph/api/resources/driveitem):
 * id, name, size, times, eTag/cTag, parentReference {driveId, driveType, id, path}, and either the
 * `file` facet (mimeType, hashes) with `@microsoft.graph.downloadUrl`, or `folder` (childCount); `root`
 * on the root, `deleted` on an item in the recycle bin.
 *
 * `view: 'delta'` follows the delta remarks: parentReference carries no path, and a deleted item omits
 * cTag and size on OneDrive personal, cTag and name on OneDrive for Business.
 */
export function driveItemJson(store: DriveStore, item: DriveRecord, origin: string, view: 'item' | 'delta' = 'item'): Record<string, unknown> {
  const deleted = item.deletedAt !== undefined;
  const json: Record<string, unknown> = {
    id: item.id,
    name: item.parentId === null ? 'root' : item.name,
    size: sizeOf(store, item),
    createdDateTime: item.createdAt,
    lastModifiedDateTime: item.modifiedAt,
    eTag: `"{${item.id}},${item.version}"`,
    cTag: `"c:{${item.id}},${item.version}"`,
    webUrl: `https://onedrive.example/${encodeURIComponent(item.id)}`,
  };
  if (item.parentId !== null) {
    json['parentReference'] = { driveId: store.driveId, driveType: store.driveType, id: item.parentId, ...(view === 'item' ? { path: store.parentPath(item) } : {}) };
  } else json['root'] = {};
  if (item.folder) json['folder'] = { childCount: store.children(item).length };
  else {
    const hashes: Record<string, string> = { quickXorHash: item.quickXorHash ?? '' };
    if (item.sha1Hash) hashes['sha1Hash'] = item.sha1Hash;
    json['file'] = { mimeType: mimeType(item.name), hashes };
    if (!deleted) json['@microsoft.graph.downloadUrl'] = `${origin}/download/${encodeURIComponent(item.id)}`;
  }
  if (deleted) {
    json['deleted'] = { state: 'deleted' };
    if (view === 'delta') {
      delete json['cTag'];
      delete json[store.driveType === 'personal' ? 'size' : 'name'];
    }
  }
  return json;
}

/** The drive resource (https://learn.microsoft.com/graph/api/resources/drive) with its quota facet. */
export function driveJson(store: DriveStore): Record<string, unknown> {
  const used = store.used();
  const remaining = Math.max(0, store.quotaTotal - used);
  return {
    id: store.driveId,
    driveType: store.driveType,
    name: 'OneDrive',
    owner: { user: { displayName: 'Emulated User', id: 'emulated-user' } },
    quota: {
      total: store.quotaTotal,
      used,
      remaining,
      deleted: store.deletedBytes(),
      state: remaining === 0 ? 'exceeded' : remaining < store.quotaTotal * 0.01 ? 'critical' : remaining < store.quotaTotal * 0.1 ? 'nearing' : 'normal',
    },
  };
}
