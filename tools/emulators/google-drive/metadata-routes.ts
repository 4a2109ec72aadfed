import { jsonBody, type EmulatorRequest, type EmulatorResponse } from '../lib/server.js';
import type { DriveContext } from './context.js';
import { badRequest, driveError, fileNotFound, invalidParameter } from './errors.js';
import { FieldsSyntaxError, renderFile } from './resource.js';
import type { DriveItem, NewItem } from './store.js';

/**
 * files.create (metadata only), files.get (metadata, or the bytes with alt=media), files.update and
 * files.delete on /drive/v3/files[/{fileId}] — developers.google.com/drive/api/reference/rest/v3/files.
 */

/** 200 with the File resource cut to `fields`; 400 "Invalid Value" for a selection the emulator cannot read. */
export function fileResponse(item: DriveItem, fields: string | null, origin = ''): EmulatorResponse {
  try {
    return { status: 200, body: renderFile(item, fields, origin) };
  } catch (error) {
    if (error instanceof FieldsSyntaxError) return invalidParameter('fields');
    throw error;
  }
}

const parseError = (): EmulatorResponse => driveError(400, { reason: 'parseError', message: 'Invalid JSON payload received.' });

/** The metadata of a new item from a request body; or the error response when it is unacceptable. */
export function newItemFrom(body: Record<string, unknown>, context: DriveContext): NewItem | EmulatorResponse {
  const { name, mimeType, parents } = body;
  if ((name !== undefined && typeof name !== 'string') || (mimeType !== undefined && typeof mimeType !== 'string')) return parseError();
  if (parents !== undefined && (!Array.isArray(parents) || parents.some((p) => typeof p !== 'string'))) return parseError();
  if (Array.isArray(parents) && parents.length > 1) return badRequest('Increasing the number of parents is not allowed', 'parents');
  for (const parent of (parents ?? []) as string[]) {
    if (!context.store.get(parent)) return fileNotFound(parent);
    if (!context.store.isFolder(parent)) return badRequest('The specified parent is not a folder.', 'parents');
  }
  return { name: name ?? 'Untitled', mimeType, parents: parents as string[] | undefined };
}

export function createMetadata(request: EmulatorRequest, context: DriveContext): EmulatorResponse {
  const body = jsonBody(request);
  if (!body) return parseError();
  const meta = newItemFrom(body, context);
  if ('status' in meta) return meta;
  return fileResponse(context.store.create(meta), request.query.get('fields'));
}

export function getFile(request: EmulatorRequest, context: DriveContext, fileId = ''): EmulatorResponse {
  const item = context.store.get(fileId);
  if (!item) return fileNotFound(fileId);
  if (request.query.get('alt') !== 'media') return fileResponse(item, request.query.get('fields'), request.origin);
  if (!item.content) {
    return driveError(403, { reason: 'fileNotDownloadable', message: 'Only files with binary content can be downloaded. Use Export with Docs Editors files.', location: 'alt', locationType: 'parameter' });
  }
  return { status: 200, headers: { 'content-type': item.mimeType }, body: item.content };
}

/** files.update (PATCH): rename, trash or restore (`trashed`), and move with addParents/removeParents. */
export function updateFile(request: EmulatorRequest, context: DriveContext, fileId = ''): EmulatorResponse {
  const item = context.store.get(fileId);
  if (!item || item.id === context.store.rootId) return fileNotFound(fileId);
  const body = jsonBody(request);
  if (!body) return parseError();
  const { name, trashed } = body;
  if ((name !== undefined && typeof name !== 'string') || (trashed !== undefined && typeof trashed !== 'boolean')) return parseError();
  const add = request.query.get('addParents')?.split(',').filter(Boolean) ?? [];
  const remove = request.query.get('removeParents')?.split(',').filter(Boolean) ?? [];
  for (const parent of add) if (!context.store.isFolder(parent)) return fileNotFound(parent);
  if (name !== undefined) {
    item.name = name;
    item.modifiedTime = context.store.now();
  }
  if (trashed === true && !item.trashed) {
    item.trashed = true;
    item.trashedTime = context.store.now();
  } else if (trashed === false) {
    item.trashed = false;
    delete item.trashedTime;
  }
  const resolvedRemove = remove.map((p) => context.store.resolve(p));
  item.parents = [...item.parents.filter((p) => !resolvedRemove.includes(p)), ...add.map((p) => context.store.resolve(p))];
  return fileResponse(item, request.query.get('fields'), request.origin);
}

/** files.delete: gone for good, no trash; 204 with an empty body. */
export function deleteFile(_request: EmulatorRequest, context: DriveContext, fileId = ''): EmulatorResponse {
  const item = context.store.get(fileId);
  if (!item || item.id === context.store.rootId) return fileNotFound(fileId);
  context.store.delete(item.id);
  return { status: 204 };
}
