import { BackupError, NoSpaceError, TransientError } from '../errors.js';
import { withRetry, type RetryOptions } from '../retry.js';
import type { AlbumIndex } from './album-index.js';
import type { CreateResult, MediaItem, PhotosLibrary } from './photos-library.js';
import type { Uploaded } from './photos-upload.js';

export interface CreateJob {
  albumId: string;
  name: string;
  uploaded: Uploaded;
  /** The ids of items with this name that were there before this upload. */
  known: ReadonlySet<string>;
}

/** A per-item status that is not success, as the error it means (google.rpc.Code numbers). */
function refusal(result: CreateResult, name: string): Error {
  const message = `Google Photos refused to create ${name}: ${result.message || 'no reason given'} (status ${result.code}).`;
  if (result.code === 8) return new NoSpaceError(`${message} The account's storage may be full.`);
  if (result.code === 13 || result.code === 14) return new TransientError(message);
  return new BackupError(message);
}

/**
 * mediaItems:batchCreate of one uploaded file into the album, without ever making two. When the answer to a
 * batchCreate is lost (a dropped connection, a 5xx after the fact) the item may exist already, so every retry
 * first looks in the album for an item with this name that was not there before the upload; and since an
 * upload token creates one item at most, a token Google refuses is also a reason to look. Answers
 * 'token-spent' when a token from an earlier put is refused and no item of ours is found: upload again.
 */
export async function createItem(library: PhotosLibrary, index: AlbumIndex, job: CreateJob, retry: RetryOptions): Promise<MediaItem | 'token-spent'> {
  const ours = async () => (await index.scan(retry.signal)).filter((item) => item.filename === job.name && !job.known.has(item.id)).at(-1);
  return withRetry(async (attempt) => {
    if (attempt > 1) {
      const mine = await ours();
      if (mine) return mine;
    }
    const result = await library.batchCreate(job.albumId, job.uploaded.token, job.name, retry.signal);
    if (result.item) return result.item;
    const mine = await ours();
    if (mine) return mine;
    if (result.code === 3 && job.uploaded.resumed) return 'token-spent';
    throw refusal(result, job.name);
  }, retry);
}
