import type { TrashedItem, TrashPreview, TrashPreviewOptions } from '../backup-target.js';
import { readBounded } from '../bounded-read.js';
import { NotFoundError, TooLargeError } from '../errors.js';
import type { DropboxClient } from './dropbox-client.js';
import { DOWNLOAD_URL, headerSafeJson, routeFailure } from './dropbox-content-call.js';
import type { DropboxPaths } from './dropbox-paths.js';
import { deletedRef } from './dropbox-trash.js';

const THUMBNAIL_URL = 'https://content.dropboxapi.com/2/files/get_thumbnail_v2';
/** What files/get_thumbnail_v2 takes ("jpg, jpeg, png, tiff, tif, gif, webp, ppm and bmp"; not over 20 MB). */
const THUMBNAIL_NAMES = /\.(jpe?g|png|tiff?|gif|webp|ppm|bmp)$/i;
/** Photos Dropbox makes no thumbnail of, read whole when small enough (the agent may still decode them). */
const OTHER_PHOTOS = /\.(heic|heif|avif|jxl|dng)$/i;
/** ThumbnailSize tags by their longest edge; the smallest at least as large as wanted is asked for. */
const SIZES: readonly [number, string][] = [
  [256, 'w256h256'],
  [480, 'w480h320'],
  [640, 'w640h480'],
  [960, 'w960h640'],
  [1024, 'w1024h768'],
  [2048, 'w2048h1536'],
];
export const thumbnailSizeFor = (edge = 256): string => SIZES.find(([pixels]) => pixels >= edge)?.[1] ?? 'w2048h1536';

const NO_THUMBNAIL = new Set(['unsupported_extension', 'unsupported_image', 'conversion_error']);

/**
 * Previews of Dropbox's deleted files, by the revision the listing found: files/get_thumbnail_v2
 * with the path `rev:<rev>` (a ReadPath may name a revision) for the image types Dropbox thumbnails;
 * files/download of `rev:<rev>` for other photos small enough. Nothing is written. Bodies are read
 * up to `maxBytes`, then the read stops with TooLargeError.
 */
export async function previewDeleted(client: DropboxClient, paths: DropboxPaths, item: TrashedItem, options: TrashPreviewOptions): Promise<TrashPreview | null> {
  const { rev, full } = deletedRef(paths, item);
  const { signal, maxBytes } = options;
  const send = client.fetch(signal);
  const fetchBody = (url: string, arg: unknown, what: string, body: string, kind: TrashPreview['kind']) =>
    client.call(what, signal, async () => {
      const response = await send(url, { method: 'POST', headers: { 'Dropbox-API-Arg': headerSafeJson(arg) } });
      if (response.status !== 200) {
        const failure = await routeFailure(response);
        const tag = (failure.error as { error?: { '.tag'?: unknown } } | undefined)?.error?.['.tag'];
        if (response.status === 409 && typeof tag === 'string' && NO_THUMBNAIL.has(tag)) return null;
        throw failure;
      }
      const bytes = await readBounded(response.body, { maxBytes, what: body, declared: response.headers.get('content-length'), signal });
      const mimeType = response.headers.get('content-type')?.split(';')[0]?.trim();
      return { bytes, ...(mimeType && mimeType !== 'application/octet-stream' ? { mimeType } : {}), kind };
    });

  if (THUMBNAIL_NAMES.test(item.name)) {
    const arg = { resource: { '.tag': 'path', path: `rev:${rev}` }, format: { '.tag': 'jpeg' }, size: { '.tag': thumbnailSizeFor(options.edge) }, mode: { '.tag': 'bestfit' } };
    // Should Dropbox refuse thumbnails of a deleted revision (its docs do not say), the revision itself is read.
    const thumbnail = await fetchBody(THUMBNAIL_URL, arg, `Reading the thumbnail of the deleted ${full}`, `Dropbox's thumbnail of ${full}`, 'thumbnail').catch((error: unknown) => {
      if (error instanceof NotFoundError) return null;
      throw error;
    });
    if (thumbnail) return thumbnail;
  } else if (!OTHER_PHOTOS.test(item.name)) {
    return null;
  }
  if (item.size !== undefined && item.size > maxBytes) throw new TooLargeError(`${full} is ${item.size} bytes and Dropbox makes no thumbnail of it; more than the ${maxBytes} read for a preview.`);
  return fetchBody(DOWNLOAD_URL, { path: `rev:${rev}` }, `Reading the deleted ${full}`, `The deleted ${full} from Dropbox`, 'original');
}
