import { googleErrorBody } from '../lib/google-error-body.js';
import type { EmulatorResponse } from '../lib/server.js';

export interface DriveErrorDetail {
  reason: string;
  message: string;
  domain?: string;
  location?: string;
  locationType?: 'parameter' | 'header';
}

/**
 * Google's JSON error envelope, as the Drive API v3 answers errors (developers.google.com/drive/api/guides/handle-errors):
 * `{"error":{"code":404,"message":"File not found: abc.","errors":[{"domain":"global","reason":"notFound",
 * "message":"File not found: abc.","locationType":"parameter","location":"fileId"}],"status":"NOT_FOUND"}}`.
 * `status` is the google.rpc code name Google's newer front ends add beside the legacy `errors` list.
 */
export function driveErrorBody(code: number, detail: DriveErrorDetail): object {
  const { domain = 'global', ...rest } = detail;
  return googleErrorBody(code, detail.message, [{ domain, ...rest }]);
}

export function driveError(code: number, detail: DriveErrorDetail, headers?: Record<string, string>): EmulatorResponse {
  return { status: code, headers, body: driveErrorBody(code, detail) };
}

/** 401: no bearer token, or one the token book does not know (Drive's "Invalid Credentials"). */
export const invalidCredentials = (): EmulatorResponse =>
  driveError(401, { reason: 'authError', message: 'Invalid Credentials', location: 'Authorization', locationType: 'header' }, { 'www-authenticate': 'Bearer realm="https://accounts.google.com/", error="invalid_token"' });

/** 404 for an unknown (or permanently deleted) file id, as files.get/update/delete answer it. */
export const fileNotFound = (fileId: string): EmulatorResponse =>
  driveError(404, { reason: 'notFound', message: `File not found: ${fileId}.`, location: 'fileId', locationType: 'parameter' });

/** 403 when an upload would pass the account's storage quota. */
export const storageQuotaExceeded = (): EmulatorResponse =>
  driveError(403, { reason: 'storageQuotaExceeded', message: "The user's Drive storage quota has been exceeded." });

export const badRequest = (message: string, location?: string): EmulatorResponse =>
  driveError(400, { reason: 'badRequest', message, ...(location ? { location, locationType: 'parameter' as const } : {}) });

/** 400 for a `q` (or pageToken) the emulator cannot read: Drive answers "Invalid Value" with reason `invalid`. */
export const invalidParameter = (location: string): EmulatorResponse =>
  driveError(400, { reason: 'invalid', message: 'Invalid Value', location, locationType: 'parameter' });

/**
 * 404 for an upload_id Drive no longer knows (expired after about a week, or never issued). The resumable
 * guide says a 404 means "the upload session has expired and the upload must be restarted from the beginning".
 */
export const uploadSessionNotFound = (): EmulatorResponse =>
  driveError(404, { reason: 'notFound', message: 'Upload session not found or expired.', location: 'upload_id', locationType: 'parameter' });

/** The body the shared emulator core sends with an injected 429 or 5xx. */
export function faultErrorBody(status: number): object {
  if (status === 429) return driveErrorBody(429, { domain: 'usageLimits', reason: 'rateLimitExceeded', message: 'Rate Limit Exceeded' });
  if (status === 503) return driveErrorBody(503, { reason: 'backendError', message: 'Service Unavailable' });
  return driveErrorBody(status, { reason: 'backendError', message: 'Backend Error' });
}
