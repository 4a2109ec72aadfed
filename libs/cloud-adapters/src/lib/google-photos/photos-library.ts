import { BackupError, NotFoundError } from '../errors.js';
import { withRetry, type RetryOptions } from '../retry.js';
import { PhotosRefusal, readBody, type PhotosHttp, type PhotosRequest } from './photos-http.js';

/** The fields of a Library API mediaItem the adapter uses (checked, never trusted as they come). */
export interface MediaItem {
  id: string;
  filename: string;
  /** Valid for about 60 minutes: take it from a fresh search or get. */
  baseUrl: string;
  mimeType: string;
  video: boolean;
}

export interface Album {
  id: string;
  title: string;
}

/** The per-item outcome of mediaItems:batchCreate (google.rpc.Status: code 0 or absent is success). */
export interface CreateResult {
  item?: MediaItem;
  code: number;
  message: string;
}

/** More pages than any album holds (20,000 items per album, 100 per page) means the server is looping. */
const MAX_PAGES = 1000;
const str = (value: unknown): value is string => typeof value === 'string' && value.length > 0 && value.length <= 4096;

export function parseMediaItem(value: unknown): MediaItem | undefined {
  const v = value as Record<string, unknown> | null;
  if (!v || !str(v.id) || !str(v.filename) || !str(v.baseUrl)) return undefined;
  const mimeType = str(v.mimeType) ? v.mimeType : 'application/octet-stream';
  const metadata = v.mediaMetadata as Record<string, unknown> | undefined;
  return { id: v.id, filename: v.filename, baseUrl: v.baseUrl, mimeType, video: Boolean(metadata?.video) || mimeType.startsWith('video/') };
}

/** The Library API calls the adapter makes (REST; googleapis has no photoslibrary client). */
export class PhotosLibrary {
  constructor(
    readonly http: PhotosHttp,
    private readonly retry: RetryOptions = {},
  ) {}

  /** One JSON call; retried on transient failures when `retry` (never for batchCreate, whose retry checks first). */
  async json(request: PhotosRequest, retry = true): Promise<Record<string, unknown>> {
    const once = async () => {
      const response = await this.http.send(request);
      const text = (await readBody(response)).toString('utf8');
      try {
        const value: unknown = JSON.parse(text || '{}');
        if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
      } catch {
        // reported below
      }
      throw new BackupError(`Google Photos answered ${request.method} ${request.url} with something that is not a JSON object.`);
    };
    return retry ? withRetry(once, { ...this.retry, signal: request.signal }) : once();
  }

  private async *pages(key: string, request: (pageToken?: string) => PhotosRequest): AsyncIterable<unknown> {
    let pageToken: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const body = await this.json(request(pageToken));
      const entries = body[key];
      if (entries !== undefined && !Array.isArray(entries)) throw new BackupError(`Google Photos sent ${key} that is not a list.`);
      yield* entries ?? [];
      if (!str(body.nextPageToken)) return;
      pageToken = body.nextPageToken;
    }
    throw new BackupError(`Google Photos kept sending pages of ${key} past ${MAX_PAGES}; stopped.`);
  }

  /** albums.list: the albums this app created (the only ones it may see since March 2025). */
  async *albums(signal?: AbortSignal): AsyncIterable<Album> {
    const request = (pageToken?: string): PhotosRequest => ({
      method: 'GET',
      url: `/v1/albums?pageSize=50${pageToken ? `&pageToken=${encodeURIComponent(pageToken)}` : ''}`,
      signal,
    });
    for await (const entry of this.pages('albums', request)) {
      const album = entry as Record<string, unknown> | null;
      if (album && str(album.id) && typeof album.title === 'string') yield { id: album.id, title: album.title };
    }
  }

  async createAlbum(title: string, signal?: AbortSignal): Promise<Album> {
    const body = await this.json({ method: 'POST', url: '/v1/albums', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ album: { title } }), signal }, false);
    if (!str(body.id)) throw new BackupError('Google Photos created the album but sent no id for it.');
    return { id: body.id, title };
  }

  /** mediaItems:search by album: its (app-created) items in album order. */
  async *albumItems(albumId: string, signal?: AbortSignal): AsyncIterable<MediaItem> {
    const request = (pageToken?: string): PhotosRequest => ({
      method: 'POST',
      url: '/v1/mediaItems:search',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ albumId, pageSize: 100, ...(pageToken ? { pageToken } : {}) }),
      signal,
    });
    for await (const entry of this.pages('mediaItems', request)) {
      const item = parseMediaItem(entry);
      if (item) yield item;
    }
  }

  /** mediaItems.get: the item with a fresh baseUrl, or undefined when it is gone (deleted, or not this app's). */
  async item(id: string, signal?: AbortSignal): Promise<MediaItem | undefined> {
    try {
      return parseMediaItem(await this.json({ method: 'GET', url: `/v1/mediaItems/${encodeURIComponent(id)}`, signal }));
    } catch (error) {
      if (error instanceof NotFoundError || (error instanceof PhotosRefusal && error.status === 403)) return undefined;
      throw error;
    }
  }

  /** mediaItems:batchCreate of one item into the album; not retried here (see GooglePhotosTarget.create). */
  async batchCreate(albumId: string, uploadToken: string, fileName: string, signal?: AbortSignal): Promise<CreateResult> {
    const body = JSON.stringify({ albumId, newMediaItems: [{ simpleMediaItem: { uploadToken, fileName } }] });
    const response = await this.json({ method: 'POST', url: '/v1/mediaItems:batchCreate', headers: { 'content-type': 'application/json' }, body, signal }, false);
    const results = response.newMediaItemResults;
    const result = (Array.isArray(results) && results.length === 1 ? results[0] : undefined) as Record<string, unknown> | undefined;
    if (!result) throw new BackupError('Google Photos answered batchCreate without one result for the one item sent.');
    const status = (result.status ?? {}) as { code?: unknown; message?: unknown };
    const code = typeof status.code === 'number' ? status.code : 0;
    const message = typeof status.message === 'string' ? status.message.slice(0, 500) : '';
    return { item: code === 0 ? parseMediaItem(result.mediaItem) : undefined, code, message };
  }
}
