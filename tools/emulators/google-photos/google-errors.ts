import { googleErrorBody } from '../lib/google-error-body.js';
import type { EmulatorResponse } from '../lib/server.js';

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
