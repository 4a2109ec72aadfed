import type { EmulatorResponse } from '../lib/server.js';

/**
 * Dropbox API v2 error answers, as its HTTP documentation describes them
 * (https://www.dropbox.com/developers/documentation/http/documentation, "Errors"):
 * - 400: a bad input parameter; the body is plain text, not JSON;
 * - 401: a bad or expired token; JSON AuthError, e.g. `invalid_access_token`;
 * - 409: an endpoint-specific error; JSON `{ error_summary, error }` where `error` is the route's
 *   tagged union and `error_summary` the chain of its tags joined by '/', ending in '/..' (the
 *   summary is for people; clients must read `error`);
 * - 429: too many requests; JSON RateLimitError `{ reason: {.tag}, retry_after }` plus Retry-After.
 */
export function routeError(error: object, extra: Record<string, string> = {}): EmulatorResponse {
  return { status: 409, headers: extra, body: { error_summary: `${summaryOf(error)}/..`, error } };
}

/** The tags of a tagged union, outermost first: `{'.tag':'path', path:{'.tag':'not_found'}}` → path/not_found. */
function summaryOf(error: object): string {
  const tags: string[] = [];
  let at: unknown = error;
  while (at && typeof at === 'object') {
    const value = at as Record<string, unknown>;
    const tag = value['.tag'] as string | undefined;
    if (!tag) {
      at = value['reason'];
      continue;
    }
    tags.push(tag);
    at = value[tag] ?? value['reason'];
  }
  return tags.join('/');
}

/** 400: Dropbox answers a malformed call in plain text naming the function. */
export function badRequest(route: string, detail: string): EmulatorResponse {
  return { status: 400, body: `Error in call to API function "${route}": ${detail}` };
}

export function invalidToken(): EmulatorResponse {
  return { status: 401, body: { error_summary: 'invalid_access_token/..', error: { '.tag': 'invalid_access_token' } } };
}

/** The body of a 429 (RateLimitError) or a 5xx (Dropbox documents no body for those; a short JSON one here). */
export function dropboxErrorBody(status: number, retryAfterSeconds?: number): object {
  if (status === 429) {
    return { error_summary: 'too_many_requests/..', error: { reason: { '.tag': 'too_many_requests' }, retry_after: retryAfterSeconds ?? 1 } };
  }
  return { error_summary: 'internal_server_error/..', error: { '.tag': 'internal_server_error' } };
}

/** LookupError for a path that is not there, as get_metadata, list_folder, download and list_revisions give it. */
export const pathNotFound = (): EmulatorResponse => routeError({ '.tag': 'path', path: { '.tag': 'not_found' } });

/** The (non-ASCII escaped) JSON Dropbox puts in an HTTP header (Dropbox-API-Result), as the docs require. */
export function headerSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
