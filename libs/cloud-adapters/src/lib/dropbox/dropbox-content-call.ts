import { readBounded } from '../bounded-read.js';

/**
 * What the calls to Dropbox's content endpoints made without the SDK share (the SDK would buffer a
 * whole file in memory): files/download streams a backup back, files/get_thumbnail_v2 and
 * files/download of a revision preview the trash.
 */
export const DOWNLOAD_URL = 'https://content.dropboxapi.com/2/files/download';

/** A route error's JSON body is small; a longer one is not read. */
const MAX_ERROR_BODY = 64 * 1024;

/** Dropbox-API-Arg must be ASCII: other characters as \uXXXX escapes (Dropbox's HTTP docs). */
export const headerSafeJson = (value: unknown): string => JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** A failed content call as the SDK would reject it ({ status, error }), its body read up to a bound. */
export async function routeFailure(response: Response): Promise<{ status: number; error: unknown }> {
  const text = await readBounded(response.body, { maxBytes: MAX_ERROR_BODY, what: 'Dropbox’s error', readFor: 'an answer', declared: response.headers.get('content-length') })
    .then((bytes) => bytes.toString('utf8'))
    .catch(() => '');
  try {
    return { status: response.status, error: JSON.parse(text) as unknown };
  } catch {
    return { status: response.status, error: text };
  }
}
