import type { AccessTokenSource } from '../auth/access-token.js';
import { discardBody, readBounded } from '../bounded-read.js';
import { AuthError, BackupError, NotFoundError, TransientError } from '../errors.js';
import { retryAfterMs } from '../retry.js';

/** Bodies we read whole (JSON, upload tokens, errors) are small; anything longer is refused. */
export const MAX_SMALL_BODY = 4 * 1024 * 1024;

export interface PhotosRequest {
  method: 'GET' | 'POST';
  /** A path under the API origin ("/v1/albums") or a full URL the API handed out. */
  url: string;
  headers?: Record<string, string>;
  body?: Buffer | string;
  signal?: AbortSignal;
}

/** A refusal that fits no narrower kind (400, 403 …), with the HTTP status for callers that tell them apart. */
export class PhotosRefusal extends BackupError {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** Reads at most `limit` bytes of a response body; more is a TooLargeError (a server's lengths are not trusted). */
export function readBody(response: Response, limit = MAX_SMALL_BODY): Promise<Buffer> {
  return readBounded(response.body, { maxBytes: limit, what: 'Google Photos’ answer', readFor: 'an answer' }).catch((error: unknown) => {
    throw lostWhileReading(error);
  });
}

/** A failure while a response body streams in: an abort or our own error as it is, else a lost connection. */
export function lostWhileReading(error: unknown): unknown {
  if (error instanceof BackupError || (error as { name?: unknown })?.name === 'AbortError') return error;
  return new TransientError(`The connection to Google Photos was lost mid-response (${(error as Error).message}).`, undefined, { cause: error });
}

/** Google's `error.message` from a JSON error body, or the start of a text one. */
async function errorMessage(response: Response): Promise<string> {
  const text = (await readBody(response, 64 * 1024).catch(() => Buffer.alloc(0))).toString('utf8');
  try {
    const message = (JSON.parse(text) as { error?: { message?: unknown } }).error?.message;
    if (typeof message === 'string') return message;
  } catch {
    // not JSON: the upload endpoint answers some errors as text
  }
  return text.slice(0, 300) || response.statusText;
}

/**
 * Authorized requests to the Library API with its failures typed: 429 and 5xx and dropped connections are
 * TransientError (with Retry-After), 401 after one fresh token is AuthError, 404 NotFoundError, the rest
 * BackupError with Google's message. The caller decides what to retry (withRetry).
 */
export class PhotosHttp {
  readonly origin: string;

  constructor(
    private readonly tokens: AccessTokenSource,
    apiBase = 'https://photoslibrary.googleapis.com',
    private readonly fetchImpl: typeof fetch = fetch,
  ) {
    this.origin = new URL(apiBase).origin;
  }

  /** Whether a URL handed out by the API may receive our bearer token (the API itself, Google's media hosts). */
  trusted(url: URL): boolean {
    return url.origin === this.origin || (url.protocol === 'https:' && url.hostname.endsWith('.googleusercontent.com'));
  }

  /** The response when its status is 2xx (or listed in `accept`); every other outcome throws a typed error. */
  async send(request: PhotosRequest, accept: readonly number[] = []): Promise<Response> {
    const url = new URL(request.url, this.origin);
    if (!this.trusted(url)) throw new BackupError(`Google Photos handed out a URL on an unexpected host: ${url.origin}.`);
    for (let attempt = 1; ; attempt++) {
      const token = await this.tokens.token(request.signal);
      const response = await this.fetchOnce(url, request, token);
      if (response.ok || accept.includes(response.status)) return response;
      if (response.status === 401 && attempt === 1 && this.tokens.refused) {
        await discardBody(response);
        this.tokens.refused(token);
        continue;
      }
      throw await this.failure(response, `${request.method} ${url.pathname}`);
    }
  }

  private async fetchOnce(url: URL, request: PhotosRequest, token: string): Promise<Response> {
    try {
      return await this.fetchImpl(url, {
        method: request.method,
        headers: { ...request.headers, authorization: `Bearer ${token}` },
        body: request.body ?? (request.method === 'POST' ? '' : undefined),
        signal: request.signal,
      });
    } catch (error) {
      request.signal?.throwIfAborted();
      throw new TransientError(`The connection to Google Photos was lost (${(error as Error).message}).`, undefined, { cause: error });
    }
  }

  /** The typed error for a failed response. */
  async failure(response: Response, what: string): Promise<BackupError> {
    const message = `Google Photos answered ${response.status} to ${what}: ${await errorMessage(response)}`;
    const status = response.status;
    if (status === 429 || status >= 500) return new TransientError(message, retryAfterMs(response.headers.get('retry-after')));
    if (status === 401) return new AuthError(`${message} — sign in to Google again.`);
    if (status === 403 && /scope/i.test(message)) return new AuthError(`${message} — sign in again and allow access to Google Photos.`);
    if (status === 404) return new NotFoundError(message);
    return new PhotosRefusal(message, status);
  }
}
