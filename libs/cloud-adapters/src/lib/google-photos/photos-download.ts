import { BackupError, NotFoundError } from '../errors.js';
import { MultiHasher } from '../hashes/index.js';
import { withRetry, type RetryOptions } from '../retry.js';
import { lostWhileReading, type PhotosHttp } from './photos-http.js';
import type { MediaItem } from './photos-library.js';

/** Google Photos takes videos up to 20 GB; a download longer than that is not a media item. */
export const MAX_ITEM_BYTES = 20 * 1024 ** 3;

export interface ItemDigest {
  sha256: string;
  /** The download's sha256-no-gps (hashes/location-neutral-hash.ts): equal to the photo's own when only its location is gone. */
  noGps: string;
  size: number;
  /** The download went on past the limit it was read with (size is then limit + 1 and sha256 meaningless). */
  truncated: boolean;
}

/**
 * The bytes of a media item: GET <baseUrl>=d for a photo, =dv for a video (access-media-items guide). Neither
 * gives back the file as uploaded when it holds more than pixels: =d keeps "all the Exif metadata except the
 * location metadata", so a geotagged photo reads back without its GPS data (checked by sha256-no-gps), and =dv
 * gives "a high quality, transcoded version of the original video" (so videos are not backed up here).
 */
export async function* downloadItem(http: PhotosHttp, item: MediaItem, signal?: AbortSignal, limit = MAX_ITEM_BYTES): AsyncIterable<Buffer> {
  const response = await http.send({ method: 'GET', url: `${item.baseUrl}=${item.video ? 'dv' : 'd'}`, signal }).catch((error: unknown) => {
    throw error instanceof NotFoundError ? new NotFoundError(`${item.filename} is no longer in Google Photos (${error.message}).`, { cause: error }) : error;
  });
  let length = 0;
  try {
    for await (const chunk of response.body ?? []) {
      length += chunk.length;
      if (length > limit) {
        // Leaving the loop by a throw closes the body's iterator, which cancels the download.
        throw new BackupError(`The download of ${item.filename} from Google Photos goes on past ${limit} bytes.`);
      }
      yield Buffer.from(chunk);
    }
  } catch (error) {
    throw lostWhileReading(error);
  }
}

/** sha256, sha256-no-gps and size of a media item's download, reading at most `limit` + 1 bytes; retried from the start on a transient failure. */
export async function digestItem(http: PhotosHttp, item: MediaItem, retry: RetryOptions, limit = MAX_ITEM_BYTES): Promise<ItemDigest> {
  return withRetry(async () => {
    const hasher = new MultiHasher(['sha256', 'sha256-no-gps']);
    let size = 0;
    const result = (truncated: boolean): ItemDigest => {
      const digests = hasher.digests();
      return { sha256: digests.sha256 ?? '', noGps: digests['sha256-no-gps'] ?? '', size, truncated };
    };
    for await (const chunk of downloadItem(http, item, retry.signal)) {
      const room = limit + 1 - size;
      hasher.update(chunk.subarray(0, room));
      size += Math.min(chunk.length, room);
      if (size > limit) return result(true);
    }
    return result(false);
  }, retry);
}
