import type { Readable } from 'node:stream';
import type { drive_v3 } from '@googleapis/drive';
import type { AccessTokenSource } from '../auth/access-token.js';
import { withRetry, type RetryOptions } from '../retry.js';
import { mapDriveError, statusOf } from './drive-errors.js';

export type DriveFile = drive_v3.Schema$File;

export const FOLDER_MIME = 'application/vnd.google-apps.folder';
/** The File fields the adapter reads (partial responses keep answers small). */
export const FILE_FIELDS = 'id,name,mimeType,size,md5Checksum,sha256Checksum,parents,trashed,createdTime,modifiedTime,trashedTime';
const PAGE_SIZE = 1000;
const MAX_PAGES = 100_000;

export type Headers = Record<string, string>;

/**
 * The Drive v3 SDK pointed at `apiBase` (Google's, or an emulator's), with the bearer token from an
 * AccessTokenSource on every call: a 401 calls `refused(token)` and tries once more with a fresh token,
 * then gives up with AuthError. Every failure comes out typed (drive-errors.ts); `retry` wraps an operation
 * in withRetry (429, 5xx, dropped connections; Retry-After honoured). The SDK's own retries are off.
 */
export class DriveApi {
  readonly rootUrl: string;
  private client?: Promise<drive_v3.Drive>;

  constructor(
    private readonly tokens: AccessTokenSource,
    apiBase = 'https://www.googleapis.com/',
    private readonly retryOptions: RetryOptions = {},
  ) {
    this.rootUrl = apiBase.endsWith('/') ? apiBase : `${apiBase}/`;
  }

  /**
   * The SDK, loaded on first use: @googleapis/drive with google-auth-library takes ~150 ms to load, a
   * cost every start of the agent (and of every CLI command's private agent) paid, backing up or not.
   */
  sdk(): Promise<drive_v3.Drive> {
    this.client ??= import('@googleapis/drive').then(({ drive }) => drive({ version: 'v3', rootUrl: this.rootUrl, retry: false }));
    return this.client;
  }

  /** Per-call SDK options: media uploads build their URL from the per-call rootUrl (STACK.md). */
  options(headers: Headers, signal?: AbortSignal) {
    return { rootUrl: this.rootUrl, headers, signal, retry: false };
  }

  async authorized<T>(what: string, signal: AbortSignal | undefined, run: (headers: Headers) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const token = await this.tokens.token(signal);
      try {
        return await run({ Authorization: `Bearer ${token}` });
      } catch (error) {
        if (signal?.aborted) throw signal.reason;
        if (statusOf(error) === 401 && attempt === 1) {
          this.tokens.refused?.(token);
          continue;
        }
        throw mapDriveError(error, what);
      }
    }
  }

  retry<T>(operation: (attempt: number) => Promise<T>, signal?: AbortSignal): Promise<T> {
    return withRetry(operation, { ...this.retryOptions, signal });
  }

  get(fileId: string, signal?: AbortSignal, fields = FILE_FIELDS): Promise<DriveFile> {
    return this.retry(() => this.authorized('read file details', signal, async (h) => (await (await this.sdk()).files.get({ fileId, fields }, this.options(h, signal))).data), signal);
  }

  update(fileId: string, requestBody: DriveFile, signal?: AbortSignal): Promise<DriveFile> {
    return this.retry(() => this.authorized('change a file', signal, async (h) => (await (await this.sdk()).files.update({ fileId, requestBody, fields: FILE_FIELDS }, this.options(h, signal))).data), signal);
  }

  /** Deletes for good (not to the trash); an item already gone counts as deleted. */
  async delete(fileId: string, signal?: AbortSignal): Promise<void> {
    await this.retry(
      () =>
        this.authorized('delete a file', signal, async (h) => {
          await (await this.sdk()).files.delete({ fileId }, this.options(h, signal)).catch((error: unknown) => {
            if (statusOf(error) !== 404) throw error;
          });
        }),
      signal,
    );
  }

  createFolder(name: string, parentId: string, signal?: AbortSignal): Promise<DriveFile> {
    const requestBody = { name, mimeType: FOLDER_MIME, parents: [parentId] };
    return this.authorized('create a folder', signal, async (h) => (await (await this.sdk()).files.create({ requestBody, fields: FILE_FIELDS }, this.options(h, signal))).data);
  }

  /** Every item matching a Drive query `q`, page after page (each page retried on its own). */
  async *list(q: string, signal?: AbortSignal): AsyncGenerator<DriveFile> {
    let pageToken: string | undefined;
    for (let pages = 0; pages < MAX_PAGES; pages++) {
      const params = { q, pageSize: PAGE_SIZE, pageToken, fields: `nextPageToken,files(${FILE_FIELDS})`, spaces: 'drive' };
      const page = await this.retry(() => this.authorized('list files', signal, async (h) => (await (await this.sdk()).files.list(params, this.options(h, signal))).data), signal);
      for (const file of page.files ?? []) yield file;
      if (!page.nextPageToken || page.nextPageToken === pageToken) return;
      pageToken = page.nextPageToken;
    }
  }

  /** The stored bytes (files.get alt=media) as a stream. */
  download(fileId: string, signal?: AbortSignal): Promise<Readable> {
    return this.retry(
      () =>
        this.authorized('download a file', signal, async (h) => {
          const res = await (await this.sdk()).files.get({ fileId, alt: 'media' }, { ...this.options(h, signal), responseType: 'stream' });
          return res.data as unknown as Readable;
        }),
      signal,
    );
  }
}
