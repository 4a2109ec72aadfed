import { readBounded } from '../bounded-read.js';
import { AuthError, BackupError, NoSpaceError, NotFoundError, TransientError } from '../errors.js';
import { retryAfterMs } from '../retry.js';

/** What is known about a failed Graph call: the HTTP status (0 when no answer came), Graph's error code and message. */
export interface GraphFailureFacts {
  status: number;
  code?: string | null;
  message?: string;
  retryAfter?: string | null;
}

/** The facts of whatever the Graph SDK threw (a GraphError, or a fetch failure it wrapped). */
export function factsOf(error: unknown): GraphFailureFacts {
  const e = error as { statusCode?: unknown; code?: unknown; message?: unknown; headers?: { get?(name: string): string | null } };
  const status = typeof e?.statusCode === 'number' && e.statusCode > 0 ? e.statusCode : 0;
  const retryAfter = typeof e?.headers?.get === 'function' ? e.headers.get('retry-after') : undefined;
  return { status, code: typeof e?.code === 'string' ? e.code : null, message: typeof e?.message === 'string' ? e.message : undefined, retryAfter };
}

/**
 * The typed error for a failed Graph call. Graph's guidance: retry 429 and 5xx (503 and 429 send
 * Retry-After, honoured through TransientError.retryAfterMs); 507 quotaLimitReached is a full drive;
 * 401 means signing in again; 404 itemNotFound is a missing item.
 */
export function graphFailure(facts: GraphFailureFacts, what: string, cause?: unknown): BackupError {
  const detail = [facts.code, facts.message].filter(Boolean).join(': ');
  const said = detail ? ` (OneDrive said ${facts.status} ${detail})` : facts.status ? ` (HTTP ${facts.status})` : '';
  const options = { cause };
  const { status } = facts;
  if (status === 0) return new TransientError(`The connection to OneDrive failed while ${what}.`, undefined, options);
  if (status === 401) return new AuthError(`OneDrive no longer accepts the sign-in while ${what}: sign in to the Microsoft account again${said}.`, options);
  if (status === 403) return new AuthError(`OneDrive refused access while ${what}: the Microsoft account has not granted Afterimage access to its files${said}.`, options);
  if (status === 404) return new NotFoundError(`OneDrive has no such item while ${what}${said}.`, options);
  if (status === 507) return new NoSpaceError(`The OneDrive is full: free some space or buy more storage, then try again${said}.`, options);
  if (status === 408 || status === 429 || status === 509 || status >= 500) {
    return new TransientError(`OneDrive is busy or unavailable while ${what}${said}; trying again.`, retryAfterMs(facts.retryAfter), options);
  }
  if (status === 409) return new NameConflictError(`OneDrive refused ${what}: an item with that name is in the way${said}.`, options);
  return new BackupError(`OneDrive refused ${what}${said}.`, options);
}

/** 409: an item with the same name is where the request wanted to put one. */
export class NameConflictError extends BackupError {
  override readonly name = 'NameConflictError';
}

/** A response body read to at most `limit` bytes (a server's answer is hostile: it cannot fill our memory). */
export async function boundedText(response: Response, limit = 1 << 20): Promise<string> {
  return (await readBounded(response.body, { maxBytes: limit, what: 'OneDrive’s answer', readFor: 'an answer' })).toString('utf8');
}

/** The JSON object of a response (bounded), or {} when it has none. */
export async function boundedJson(response: Response): Promise<Record<string, unknown>> {
  const text = await boundedText(response);
  if (!text) return {};
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  } catch (error) {
    throw new BackupError(`OneDrive answered ${response.status} with a body that is not JSON.`, { cause: error });
  }
}

/** The facts of a plain fetch response that failed (the upload URL is called without the SDK). */
export async function responseFacts(response: Response): Promise<GraphFailureFacts> {
  const body = await boundedJson(response).catch(() => ({}) as Record<string, unknown>);
  const error = (body['error'] ?? {}) as { code?: unknown; message?: unknown };
  return {
    status: response.status,
    code: typeof error.code === 'string' ? error.code : null,
    message: typeof error.message === 'string' ? error.message : undefined,
    retryAfter: response.headers.get('retry-after'),
  };
}
