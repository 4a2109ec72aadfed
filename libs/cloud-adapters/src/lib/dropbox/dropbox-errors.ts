import { BackupError, IntegrityError, NoSpaceError, NotFoundError, TransientError } from '../errors.js';

/** A route error as the SDK rejects with it (DropboxResponseError): the HTTP status and the parsed body. */
export interface DropboxRouteError {
  status: number;
  /** `error_summary` ('path/not_found/..'), or the plain text of a 400. */
  summary: string;
  /** The route's tagged union (`{ '.tag': 'path', path: { '.tag': 'not_found' } }`), when JSON. */
  error?: Record<string, unknown>;
}

/** The route error inside an SDK rejection, or undefined for anything else (our typed errors, aborts). */
export function routeErrorOf(thrown: unknown): DropboxRouteError | undefined {
  if (!thrown || typeof thrown !== 'object' || thrown instanceof BackupError) return undefined;
  const { status, error } = thrown as { status?: unknown; error?: unknown };
  if (typeof status !== 'number') return undefined;
  if (error && typeof error === 'object') {
    const body = error as { error_summary?: unknown; error?: unknown };
    const inner = body.error && typeof body.error === 'object' ? (body.error as Record<string, unknown>) : undefined;
    return { status, summary: String(body.error_summary ?? ''), error: inner };
  }
  return { status, summary: String(error ?? '').slice(0, 500) };
}

/** True when the summary's chain of tags holds `tag` ('path/not_found/..' has 'path' and 'not_found'). */
export const hasTag = (route: DropboxRouteError | undefined, tag: string): boolean => Boolean(route?.summary.split('/').includes(tag));

/**
 * Any failure of a Dropbox call as one of ours, with the original as `cause`:
 * not_found → NotFoundError, insufficient_space → NoSpaceError, content_hash_mismatch (Dropbox got
 * other bytes than the hash we sent describes) → IntegrityError, too_many_write_operations (a
 * namespace lock contention Dropbox says to retry) → TransientError, anything else → BackupError.
 */
export function toBackupError(thrown: unknown, what: string): unknown {
  const route = routeErrorOf(thrown);
  if (!route) return thrown;
  const detail = route.summary || `HTTP ${route.status}`;
  if (hasTag(route, 'not_found')) return new NotFoundError(`${what}: Dropbox has nothing there (${detail}).`, { cause: thrown });
  if (hasTag(route, 'insufficient_space')) return new NoSpaceError(`${what}: the Dropbox account is full (${detail}); free some space or upgrade the plan.`, { cause: thrown });
  if (hasTag(route, 'content_hash_mismatch')) return new IntegrityError(`${what}: Dropbox received other bytes than were sent (${detail}); nothing was stored.`, { cause: thrown });
  if (hasTag(route, 'too_many_write_operations')) return new TransientError(`${what}: Dropbox is busy with other writes (${detail}).`, undefined, { cause: thrown });
  if (route.status === 400) return new BackupError(`${what}: Dropbox refused the call as malformed (${detail}).`, { cause: thrown });
  return new BackupError(`${what}: Dropbox answered ${detail}.`, { cause: thrown });
}
