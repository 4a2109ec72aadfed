import type { AccessTokenSource } from '../auth/access-token.js';
import type { RetryOptions } from '../retry.js';

export interface GoogleDriveOptions {
  /** The signed-in Google account's bearer tokens. */
  tokens: AccessTokenSource;
  /** The folder under My Drive that holds the backups, e.g. "Afterimage/Backups" ('' for My Drive itself). */
  root: string;
  /** Which account (for the target's id). */
  account?: string;
  /** The API origin: Google's (https://www.googleapis.com/) when absent, an emulator's in tests. */
  apiBase?: string;
  /** Bytes per resumable chunk: a multiple of 256 KiB (Drive's rule); 8 MiB when absent. */
  chunkSize?: number;
  /** Files larger than this go through a resumable session; smaller ones in one multipart request. 5 MiB when absent. */
  resumableAbove?: number;
  retry?: RetryOptions;
  /** Whose trash `listTrash` shows: what was under `root` (default), or the whole Drive's. */
  trashScope?: 'root' | 'drive';
  id?: string;
}

export const DRIVE_CHUNK_UNIT = 256 * 1024;

/** The chunk size to use: a positive multiple of 256 KiB, else a RangeError that says so. */
export function chunkSizeOf(options: Pick<GoogleDriveOptions, 'chunkSize'>): number {
  const size = options.chunkSize ?? 8 * 1024 * 1024;
  if (!Number.isSafeInteger(size) || size <= 0 || size % DRIVE_CHUNK_UNIT !== 0) {
    throw new RangeError(`A Google Drive chunk size must be a positive multiple of 256 KiB (${DRIVE_CHUNK_UNIT} bytes); got ${size}.`);
  }
  return size;
}
