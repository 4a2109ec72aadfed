import type { Readable } from 'node:stream';
import type { TrashedItem, TrashPreview, TrashPreviewOptions } from '../backup-target.js';
import { discardBody, readBounded } from '../bounded-read.js';
import { NotFoundError, TooLargeError } from '../errors.js';
import type { DriveApi } from './drive-api.js';
import { DriveHttpError } from './drive-errors.js';
import { sizeOf } from './stored-object.js';

const PREVIEW_FIELDS = 'id,name,mimeType,size,trashed,hasThumbnail,thumbnailLink';
/** Google's thumbnail addresses end in `=s<pixels>` (the longest edge); asked for within these bounds. */
const MIN_EDGE = 32;
const MAX_EDGE = 1600;

/**
 * The address in `thumbnailLink` when the bearer token may be sent there: Google's image servers
 * (https, *.googleusercontent.com) or the API's own origin (an emulator). Any other host gets nothing.
 */
export function trustedThumbnailLink(link: string | null | undefined, apiRoot: string): URL | undefined {
  if (!link || link.length > 4096) return undefined;
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return undefined;
  }
  if (url.username || url.password) return undefined;
  if (url.protocol === 'https:' && (url.hostname === 'googleusercontent.com' || url.hostname.endsWith('.googleusercontent.com'))) return url;
  return url.origin === new URL(apiRoot).origin ? url : undefined;
}

/** The same thumbnail at `edge` pixels: Google's `=s220` suffix changed, when the address has one. */
export function sizedThumbnailLink(url: URL, edge: number | undefined): URL {
  if (edge === undefined) return url;
  const pixels = Math.min(MAX_EDGE, Math.max(MIN_EDGE, Math.round(edge)));
  const sized = new URL(url);
  sized.pathname = sized.pathname.replace(/=s\d{1,5}$/, `=s${pixels}`);
  return sized;
}

/**
 * Previews of files in Drive's trash. A trashed file keeps its `thumbnailLink` (files.get), a
 * short-lived address of an image Google made; without one, a photo small enough is read whole with
 * alt=media, which works in the trash too. Both reads stop at `maxBytes`. Nothing is changed.
 */
export class DrivePreview {
  constructor(
    private readonly api: DriveApi,
    private readonly send: typeof fetch = fetch,
  ) {}

  async preview(item: TrashedItem, options: TrashPreviewOptions): Promise<TrashPreview | null> {
    const { signal, maxBytes } = options;
    const file = await this.api.get(item.id, signal, PREVIEW_FIELDS);
    if (file.trashed !== true) throw new NotFoundError(`${item.name} is no longer in Google Drive's trash.`);
    const link = trustedThumbnailLink(file.thumbnailLink, this.api.rootUrl);
    if (link) {
      const thumbnail = await this.thumbnail(sizedThumbnailLink(link, options.edge), item.name, options).catch((error: unknown) => {
        // An address that expired, or an image Google no longer has: the file itself may still do.
        if (error instanceof NotFoundError) return null;
        throw error;
      });
      if (thumbnail) return thumbnail;
    }
    if (!file.mimeType?.startsWith('image/')) return null;
    const size = sizeOf(file);
    if (size > maxBytes) throw new TooLargeError(`${item.name} is ${size} bytes and Google Drive made no thumbnail of it; more than the ${maxBytes} read for a preview.`);
    const bytes = await this.api.retry(async () => readBounded((await this.api.download(item.id, signal)) as Readable, { maxBytes, what: `${item.name} from Google Drive`, signal }), signal);
    return { bytes, mimeType: file.mimeType, kind: 'original' };
  }

  private thumbnail(url: URL, name: string, options: TrashPreviewOptions): Promise<TrashPreview> {
    const { signal, maxBytes } = options;
    return this.api.retry(
      () =>
        this.api.authorized(`read the thumbnail of ${name}`, signal, async (headers) => {
          // No redirects: the bearer token goes to the trusted address only.
          const response = await this.send(url, { headers, redirect: 'manual', ...(signal ? { signal } : {}) });
          if (!response.ok) {
            await discardBody(response);
            const { status } = response;
            if (status === 403 || status === 404 || (status >= 300 && status < 400) || status === 0) throw new NotFoundError(`Google Drive has no thumbnail of ${name} at its address (${status}).`);
            throw new DriveHttpError({ status, headers: response.headers });
          }
          const bytes = await readBounded(response.body, { maxBytes, what: `The thumbnail of ${name} from Google Drive`, declared: response.headers.get('content-length'), signal });
          const mimeType = response.headers.get('content-type')?.split(';')[0]?.trim();
          return { bytes, ...(mimeType ? { mimeType } : {}), kind: 'thumbnail' as const };
        }),
      signal,
    );
  }
}
