import type { EmulatorResponse } from '../lib/server.js';
import { fileMetadata } from './dropbox-metadata.js';
import { checkPath } from './dropbox-paths.js';
import { contentHashOf, currentOf, type DropboxStore } from './dropbox-store.js';

/** What a commit of uploaded bytes ends in: the stored file's metadata, or a WriteError / another failure tag. */
export type CommitOutcome =
  | { ok: true; metadata: Record<string, unknown> }
  | { ok: false; write?: object; tag?: 'content_hash_mismatch'; response?: EmulatorResponse };

const modeTag = (mode: unknown): string => (typeof mode === 'string' ? mode : typeof mode === 'object' && mode ? String((mode as Record<string, unknown>)['.tag']) : 'add');

/**
 * Stores uploaded bytes as files/upload and upload_session/finish do with a CommitInfo
 * `{ path, mode, autorename, ... }`, plus the optional `content_hash` of the whole file, which Dropbox
 * checks against what it received (content_hash_mismatch). Modes:
 * - add (the default): a file already there is a conflict, unless its content is identical (then it
 *   is returned unchanged); `autorename` is not emulated (a conflict is always answered);
 * - overwrite: a new revision replaces the file (identical content writes nothing, as in add);
 * - update: only when the file's current rev is the one given, else a conflict.
 * A folder at the path, or a file above it, is a conflict; a full account is insufficient_space.
 */
export function commit(store: DropboxStore, route: string, info: Record<string, unknown>, bytes: Buffer, contentHash: unknown): CommitOutcome {
  const path = checkPath(route, info['path'], 'path');
  if (typeof path !== 'string') return { ok: false, response: path };
  if (contentHash !== undefined && contentHash !== contentHashOf(bytes)) return { ok: false, tag: 'content_hash_mismatch' };
  const lower = path.toLowerCase();
  const conflict = store.conflictAt(path);
  if (conflict) return { ok: false, write: { '.tag': 'conflict', conflict: { '.tag': conflict } } };
  const existing = store.liveFile(lower);
  const mode = modeTag(info['mode']);
  if (existing) {
    const current = currentOf(existing);
    // Dropbox writes nothing when the content is identical to the current revision, whatever the mode.
    if (mode !== 'update' && current.contentHash === contentHashOf(bytes)) return { ok: true, metadata: fileMetadata(existing) };
    const update = (info['mode'] as Record<string, unknown> | undefined)?.['update'];
    if (mode === 'add' || (mode === 'update' && update !== current.rev)) return { ok: false, write: { '.tag': 'conflict', conflict: { '.tag': 'file' } } };
  }
  if (!store.fits(lower, bytes.length)) return { ok: false, write: { '.tag': 'insufficient_space' } };
  return { ok: true, metadata: fileMetadata(store.write(path, bytes)) };
}
