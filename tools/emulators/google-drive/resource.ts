import type { DriveItem } from './store.js';
import { hasThumbnail, thumbnailLinkOf } from './thumbnails.js';

/**
 * The File resource (developers.google.com/drive/api/reference/rest/v3/files) and the `fields` partial
 * response selector: `id,name,size`, `*`, and `nextPageToken,files(id,name)` for lists. Without `fields`
 * Drive v3 answers kind, id, name and mimeType only. int64 values such as `size` are JSON strings.
 */
export type FieldSelection = '*' | Map<string, FieldSelection>;

export class FieldsSyntaxError extends Error {}

const DEFAULT_FILE_FIELDS = 'kind,id,name,mimeType';
export const DEFAULT_LIST_FIELDS = 'kind,incompleteSearch,nextPageToken,files(kind,id,name,mimeType)';

const MAX_FIELDS = 2048;

/** Parses a `fields` value into a tree; `*` selects everything at its level. */
export function parseFields(fields: string): FieldSelection {
  if (fields.length > MAX_FIELDS) throw new FieldsSyntaxError('fields too long');
  let at = 0;
  function level(): FieldSelection {
    const selection = new Map<string, FieldSelection>();
    for (;;) {
      const name = /^\s*([A-Za-z*][A-Za-z0-9_/]*)\s*/.exec(fields.slice(at));
      if (!name) throw new FieldsSyntaxError(`bad field selection at ${at}`);
      at += name[0].length;
      if (name[1] === '*') {
        skipRest();
        return '*';
      }
      let child: FieldSelection = '*';
      if (fields[at] === '(') {
        at++;
        child = level();
        if (fields[at] !== ')') throw new FieldsSyntaxError('missing )');
        at++;
      }
      selection.set(name[1] ?? '', child);
      if (fields[at] !== ',') return selection;
      at++;
    }
  }
  function skipRest() {
    while (at < fields.length && fields[at] !== ')') at++;
  }
  const selection = level();
  if (at !== fields.length) throw new FieldsSyntaxError(`unexpected ${fields.slice(at, at + 10)}`);
  return selection;
}

/** `origin`: where the emulator serves thumbnails (no thumbnailLink without one). */
export function fileResource(item: DriveItem, origin = ''): Record<string, unknown> {
  const full: Record<string, unknown> = {
    kind: 'drive#file',
    id: item.id,
    name: item.name,
    mimeType: item.mimeType,
    parents: item.parents,
    trashed: item.trashed,
    explicitlyTrashed: item.trashed,
    createdTime: item.createdTime,
    modifiedTime: item.modifiedTime,
  };
  if (item.trashedTime) full['trashedTime'] = item.trashedTime;
  if (item.content) full['hasThumbnail'] = hasThumbnail(item);
  const thumbnailLink = thumbnailLinkOf(item, origin);
  if (thumbnailLink) full['thumbnailLink'] = thumbnailLink;
  if (item.content) {
    full['size'] = String(item.content.length);
    full['quotaBytesUsed'] = String(item.content.length);
    full['md5Checksum'] = item.md5Checksum;
    full['sha256Checksum'] = item.sha256Checksum;
  }
  return full;
}

/** Keeps only the selected keys (recursively into objects and arrays of objects). */
export function select(value: Record<string, unknown>, selection: FieldSelection): Record<string, unknown> {
  if (selection === '*') return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of selection) {
    const v = value[key];
    if (v === undefined) continue;
    if (Array.isArray(v)) out[key] = v.map((e) => (e && typeof e === 'object' ? select(e as Record<string, unknown>, child) : e));
    else if (v && typeof v === 'object') out[key] = select(v as Record<string, unknown>, child);
    else out[key] = v;
  }
  return out;
}

export function renderFile(item: DriveItem, fields: string | null, origin = ''): Record<string, unknown> {
  return select(fileResource(item, origin), parseFields(fields || DEFAULT_FILE_FIELDS));
}
