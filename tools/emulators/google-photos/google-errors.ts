import type { EmulatorResponse } from '../lib/server.js';

/** The canonical status names Google APIs put in `error.status` for each HTTP status. */
const STATUS_NAMES: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ALREADY_EXISTS',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
};

/** Google's JSON error body: `{ "error": { "code", "message", "status" } }` (google.rpc.Status over HTTP). */
export function googleErrorBody(code: number, message: string): object {
  return { error: { code, message, status: STATUS_NAMES[code] ?? 'UNKNOWN' } };
}

export function googleError(code: number, message: string, headers?: Record<string, string>): EmulatorResponse {
  return { status: code, headers, body: googleErrorBody(code, message) };
}

/** The bodies the emulator core sends with injected 429s and 5xx, in Google's shape and words. */
export function photosFaultBody(status: number): object {
  if (status === 429) {
    return googleErrorBody(429, "Quota exceeded for quota metric 'All requests' and limit 'All requests per minute per user' of service 'photoslibrary.googleapis.com'.");
  }
  if (status === 503) return googleErrorBody(503, 'The service is currently unavailable.');
  return googleErrorBody(status, 'Internal error encountered.');
}

/** What Google answers a request without a live bearer token. */
export const UNAUTHENTICATED = googleError(
  401,
  'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.',
  { 'www-authenticate': 'Bearer realm="https://accounts.google.com/"' },
);
