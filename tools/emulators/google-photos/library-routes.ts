import { jsonBody as json, type EmulatorRequest, type EmulatorResponse } from '../lib/server.js';
import { googleError } from './google-errors.js';
import { pageOffset, pageToken, type PhotoAlbum, type PhotoItem, type PhotosState } from './photos-state.js';

const FAILED_ITEM = 'Failed: There was an error while trying to create this media item.';

function pageSize(value: unknown, fallback: number, max: number): number {
  const n = Number(value ?? fallback);
  return Number.isInteger(n) && n > 0 ? Math.min(n, max) : fallback;
}

export function albumJson(album: PhotoAlbum, origin: string): object {
  const count = album.itemIds.length;
  return { id: album.id, title: album.title, productUrl: `${origin}/lr/album/${album.id}`, isWriteable: true, ...(count ? { mediaItemsCount: String(count) } : {}) };
}

export function itemJson(item: PhotoItem, origin: string): object {
  const video = item.mimeType.startsWith('video/');
  return {
    id: item.id,
    ...(item.description ? { description: item.description } : {}),
    productUrl: `${origin}/lr/photo/${item.id}`,
    baseUrl: `${origin}/lr/${item.id}`,
    mimeType: item.mimeType,
    mediaMetadata: { creationTime: item.createdAt, ...(video ? { video: { status: 'READY' } } : { photo: {} }) },
    filename: item.filename,
  };
}

/** Answers `items` from `offset` as one page of `size`, under `key`; Google leaves out empty lists. */
function page(key: string, items: object[], offset: number, size: number): EmulatorResponse {
  const slice = items.slice(offset, offset + size);
  const next = offset + size < items.length ? { nextPageToken: pageToken(offset + size) } : {};
  return { status: 200, body: { ...(slice.length ? { [key]: slice } : {}), ...next } };
}

/** GET /v1/albums (albums.list: app-created albums only since March 2025; pageSize default 20, max 50). */
export function listAlbums(state: PhotosState, request: EmulatorRequest): EmulatorResponse {
  const offset = pageOffset(request.query.get('pageToken') ?? undefined);
  if (offset === undefined) return googleError(400, 'Invalid page token.');
  const albums = [...state.albums.values()].filter((a) => a.appCreated).map((a) => albumJson(a, request.origin));
  return page('albums', albums, offset, pageSize(request.query.get('pageSize'), 20, 50));
}

/** POST /v1/albums (albums.create with photoslibrary.appendonly: `{ album: { title } }`, title up to 500 characters). */
export function createAlbum(state: PhotosState, request: EmulatorRequest): EmulatorResponse {
  const album = json(request)?.album as { title?: unknown } | undefined;
  if (typeof album?.title !== 'string' || !album.title || album.title.length > 500) return googleError(400, 'Album title must be 1 to 500 characters.');
  return { status: 200, body: albumJson(state.addAlbum(album.title, true), request.origin) };
}

/**
 * POST /v1/mediaItems:batchCreate. Up to 50 newMediaItems; the items go into the library and, with albumId, at
 * the end of that album (which must be app-created: otherwise 400 "No permission to add media items to this
 * album."). Each result carries the upload token and a status; a token that is unknown or already used fails
 * that item alone (status code 3) while the call still answers 200, as Google does.
 */
export function batchCreate(state: PhotosState, request: EmulatorRequest): EmulatorResponse {
  const body = json(request);
  if (!body) return googleError(400, 'Invalid JSON payload received.');
  const news = body.newMediaItems;
  if (!Array.isArray(news) || news.length === 0 || news.length > 50) return googleError(400, 'Request must contain 1 to 50 newMediaItems.');
  const album = typeof body.albumId === 'string' ? state.albums.get(body.albumId) : undefined;
  if (body.albumId !== undefined && !album?.appCreated) return googleError(400, 'No permission to add media items to this album.');
  const wanted = news.map((n: { description?: unknown; simpleMediaItem?: { uploadToken?: unknown; fileName?: unknown } }) => ({
    token: n?.simpleMediaItem?.uploadToken,
    fileName: n?.simpleMediaItem?.fileName,
    description: n?.description,
  }));
  if (wanted.some((w) => typeof w.token !== 'string' || !w.token)) return googleError(400, 'Request must contain a valid upload token.');
  if (wanted.some((w) => w.fileName !== undefined && (typeof w.fileName !== 'string' || w.fileName.length > 255))) return googleError(400, 'fileName must be at most 255 characters.');
  if (wanted.some((w) => w.description !== undefined && (typeof w.description !== 'string' || w.description.length > 1000))) return googleError(400, 'description must be at most 1000 characters.');
  const results = wanted.map(({ token, fileName, description }) => {
    const entry = state.tokens.get(token as string);
    if (!entry || entry.used) return { uploadToken: token, status: { code: 3, message: FAILED_ITEM } };
    entry.used = true;
    const item = state.addItem(
      { filename: (fileName as string | undefined) ?? 'untitled', description: description as string | undefined, mimeType: entry.mimeType, bytes: entry.bytes, appCreated: true },
      album?.id,
    );
    return { uploadToken: token, status: { message: 'Success' }, mediaItem: itemJson(item, request.origin) };
  });
  return { status: 200, body: { newMediaItemResults: results } };
}

/**
 * POST /v1/mediaItems:search `{ albumId, pageSize, pageToken }` (pageSize default 25, max 100): only app-created
 * media items. An album that exists but was not created by this app is 403 PERMISSION_DENIED; an unknown one 404.
 */
export function searchItems(state: PhotosState, request: EmulatorRequest): EmulatorResponse {
  const body = json(request);
  if (!body) return googleError(400, 'Invalid JSON payload received.');
  if (body.albumId !== undefined && body.filters !== undefined) return googleError(400, 'An album id and filters cannot both be set.');
  const offset = pageOffset(typeof body.pageToken === 'string' ? body.pageToken : undefined);
  if (offset === undefined) return googleError(400, 'Invalid page token.');
  let items: PhotoItem[];
  if (body.albumId !== undefined) {
    const album = typeof body.albumId === 'string' ? state.albums.get(body.albumId) : undefined;
    if (!album) return googleError(404, 'Requested entity was not found.');
    if (!album.appCreated) return googleError(403, 'The caller does not have permission');
    items = state.albumItems(album);
  } else items = [...state.items.values()];
  const visible = items.filter((item) => item.appCreated).map((item) => itemJson(item, request.origin));
  return page('mediaItems', visible, offset, pageSize(body.pageSize, 25, 100));
}

/** GET /v1/mediaItems/{id}: an app-created item; another's is 403 PERMISSION_DENIED; an unknown id 404 NOT_FOUND. */
export function getItem(state: PhotosState, request: EmulatorRequest, id: string): EmulatorResponse {
  const item = state.items.get(id);
  if (!item) return googleError(404, 'Requested entity was not found.');
  if (!item.appCreated) return googleError(403, 'The caller does not have permission');
  return { status: 200, body: itemJson(item, request.origin) };
}
