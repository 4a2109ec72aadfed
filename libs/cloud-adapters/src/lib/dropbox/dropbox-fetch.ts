import type { AccessTokenSource } from '../auth/access-token.js';
import { AuthError, TransientError } from '../errors.js';
import { retryAfterMs } from '../retry.js';
import { readBounded } from '../bounded-read.js';

/** An error answer's text, read up to 16 KiB (a longer or endless one gives ''). */
const errorText = (response: Response): Promise<string> =>
  readBounded(response.body, { maxBytes: 16 * 1024, what: 'Dropbox\'s error answer', readFor: 'an answer' }).then(
    (body) => body.toString('utf8'),
    () => '',
  );

export interface DropboxFetchOptions {
  tokens: AccessTokenSource;
  /** Where api.dropboxapi.com and content.dropboxapi.com calls go instead (an emulator's origin). */
  apiBase?: string;
  signal?: AbortSignal;
  /** The underlying fetch (the global one when absent). */
  fetch?: typeof fetch;
}

export type DropboxFetch = (url: string, init?: RequestInit) => Promise<Response>;

/** The SDK hard-codes https://api.dropboxapi.com and https://content.dropboxapi.com (STACK.md). */
const DROPBOX_HOSTS = /^https:\/\/(?:api|content)\.dropboxapi\.com(?=\/)/;
/** A Retry-After or retry_after longer than a day is not believed. */
const MAX_RETRY_AFTER_MS = 86_400_000;

/** RateLimitError's `retry_after` (seconds) from a 429 body, bounded. */
function retryAfterFromBody(text: string): number | undefined {
  try {
    const seconds = (JSON.parse(text) as { error?: { retry_after?: unknown } }).error?.retry_after;
    return typeof seconds === 'number' && seconds >= 0 && seconds * 1000 <= MAX_RETRY_AFTER_MS ? seconds * 1000 : undefined;
  } catch {
    return undefined;
  }
}

const authTag = (text: string): string => {
  try {
    return String((JSON.parse(text) as { error_summary?: unknown }).error_summary ?? 'refused').replace(/\/.*$/, '');
  } catch {
    return 'refused';
  }
};

/**
 * The fetch handed to the Dropbox SDK (and used for streaming downloads): sends the calls to
 * `apiBase` when set, puts the bearer token from the AccessTokenSource on each request, and turns
 * the failures every route shares into typed errors before the SDK sees them:
 * - 401: `refused(token)`, then one more try with a fresh token, then AuthError;
 * - 429 and 5xx: TransientError with Retry-After (or the body's `retry_after`);
 * - no answer (connection refused, reset, cut): TransientError; an abort rethrows the signal's reason.
 * Route errors (400, 409) pass through to the SDK, which rejects with a DropboxResponseError.
 */
export function dropboxFetch(options: DropboxFetchOptions): DropboxFetch {
  const base = options.apiBase?.replace(/\/+$/, '');
  const send = options.fetch ?? fetch;
  return async (url, init = {}) => {
    const target = base ? url.replace(DROPBOX_HOSTS, base) : url;
    for (let attempt = 1; ; attempt++) {
      const token = await options.tokens.token(options.signal);
      let response: Response;
      try {
        response = await send(target, { ...init, headers: { ...(init.headers as Record<string, string>), Authorization: `Bearer ${token}` }, signal: options.signal });
      } catch (error) {
        options.signal?.throwIfAborted();
        throw new TransientError(`Dropbox did not answer (${(error as Error).message}); it will be tried again.`, undefined, { cause: error });
      }
      if (response.status === 401) {
        const text = await errorText(response);
        if (attempt === 1) {
          options.tokens.refused?.(token);
          continue;
        }
        throw new AuthError(`Dropbox refused the sign-in (${authTag(text)}); sign in to Dropbox again.`);
      }
      if (response.status === 429 || response.status >= 500) {
        const text = await errorText(response);
        const wait = retryAfterMs(response.headers.get('retry-after')) ?? retryAfterFromBody(text);
        const why = response.status === 429 ? 'asks us to slow down' : `had a server error (${response.status})`;
        throw new TransientError(`Dropbox ${why}; it will be tried again.`, wait !== undefined ? Math.min(wait, MAX_RETRY_AFTER_MS) : undefined);
      }
      return response;
    }
  };
}
