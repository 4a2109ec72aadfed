import { AuthError, BackupError, NoSpaceError, NotFoundError, TransientError } from '../errors.js';
import { retryAfterMs } from '../retry.js';

/**
 * Drive's answers as typed errors. The SDK (gaxios) throws a GaxiosError with `response.status`,
 * `response.headers` and the parsed body in `response.data`; the resumable chunk requests (plain fetch)
 * throw a DriveHttpError of the same shape. Google's body is
 * `{"error":{"code":…,"message":…,"errors":[{"domain":…,"reason":…}],"status":…}}`.
 */
export interface DriveResponseLike {
  status: number;
  headers?: unknown;
  data?: unknown;
}

export class DriveHttpError extends Error {
  override readonly name = 'DriveHttpError';
  constructor(readonly response: DriveResponseLike) {
    super(`Google Drive answered ${response.status}`);
  }
}

/** Connection failures worth another try (reset, refused, timed out, cut mid-body). */
const CONNECTION_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'ECONNABORTED', 'EAI_AGAIN', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'ERR_STREAM_PREMATURE_CLOSE']);

function responseOf(error: unknown): DriveResponseLike | undefined {
  const response = (error as { response?: DriveResponseLike } | undefined)?.response;
  return response && typeof response.status === 'number' ? response : undefined;
}

export function statusOf(error: unknown): number | undefined {
  return responseOf(error)?.status;
}

/** A header from a fetch-style Headers (node-fetch's, which gaxios hands on unconverted) or a plain record. */
export function headerValue(headers: unknown, name: string): string | undefined {
  if (!headers || typeof headers !== 'object') return undefined;
  const get = (headers as { get?: unknown }).get;
  if (typeof get === 'function') return (get.call(headers, name) as string | null) ?? undefined;
  const value = (headers as Record<string, unknown>)[name.toLowerCase()];
  return typeof value === 'string' ? value : undefined;
}

/** Google's first `errors[].reason` (the body may arrive parsed, as text, or not at all). */
export function reasonOf(error: unknown): string | undefined {
  let data = responseOf(error)?.data;
  if (typeof data === 'string') {
    try {
      data = JSON.parse(data.slice(0, 65536));
    } catch {
      return undefined;
    }
  }
  const reason = (data as { error?: { errors?: { reason?: unknown }[] } } | undefined)?.error?.errors?.[0]?.reason;
  return typeof reason === 'string' ? reason.slice(0, 100) : undefined;
}

export function isConnectionError(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && CONNECTION_CODES.has(code)) return true;
    const message = (e as { message?: unknown }).message;
    if (typeof message === 'string' && /socket hang up|fetch failed|other side closed|terminated|network socket disconnected/i.test(message)) return true;
  }
  return false;
}

/** The typed error for a failed Drive call; `what` says what we were doing, in words. */
export function mapDriveError(error: unknown, what: string): Error {
  if (error instanceof BackupError) return error;
  const response = responseOf(error);
  if (!response) {
    if (isConnectionError(error)) return new TransientError(`${what}: the connection to Google Drive broke.`, undefined, { cause: error });
    return error instanceof Error ? error : new Error(String(error));
  }
  const { status } = response;
  const reason = reasonOf(error);
  const said = `Google Drive answered ${status}${reason ? ` (${reason})` : ''}`;
  if (status === 401) return new AuthError(`${what}: Google refused the sign-in; sign in to Google again.`, { cause: error });
  if (status === 403 && (reason === 'storageQuotaExceeded' || reason === 'quotaExceeded')) {
    return new NoSpaceError(`${what}: the Google Drive is full (${said}). Free some space or buy more storage.`, { cause: error });
  }
  if ((status === 403 && /rateLimitExceeded/i.test(reason ?? '')) || status === 408 || status === 429 || status >= 500) {
    return new TransientError(`${what}: ${said}.`, retryAfterMs(headerValue(response.headers, 'retry-after')), { cause: error });
  }
  if (status === 404) return new NotFoundError(`${what}: not on Google Drive (${said}).`, { cause: error });
  return new BackupError(`${what}: ${said}.`, { cause: error });
}
