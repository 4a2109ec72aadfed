import { BackupError } from '../errors.js';
import { hasTag, type DropboxRouteError } from './dropbox-errors.js';
import { sizeOf } from './dropbox-metadata.js';

/** Dropbox no longer knows the session (expired, closed, or its offsets make no sense): start a new one. */
export class SessionLost extends BackupError {
  override readonly name = 'SessionLost';
}

/** `correct_offset` of an incorrect_offset error (flat from append_v2, under lookup_failed from finish), within 0..size. */
export function correctOffset(route: DropboxRouteError | undefined, size: number): number {
  const error = route?.error;
  const holder = (error?.['lookup_failed'] ?? error) as Record<string, unknown> | undefined;
  const value = sizeOf(holder?.['correct_offset']);
  if (value === undefined || value > size) throw new SessionLost(`Dropbox reported an impossible upload offset (${String(holder?.['correct_offset'])}).`);
  return value;
}

export const lost = (route: DropboxRouteError | undefined) => hasTag(route, 'not_found') || hasTag(route, 'closed');

