import type { EmulatorRequest, EmulatorResponse } from '../lib/server.js';
import { commit } from './dropbox-commit.js';
import { headerSafeJson, routeError } from './dropbox-errors.js';
import { fileMetadata } from './dropbox-metadata.js';
import { readPath } from './dropbox-read-path.js';
import type { DropboxStore } from './dropbox-store.js';
import type { UploadSessions } from './dropbox-sessions.js';

type Args = Record<string, unknown>;

/** Dropbox refuses a single request body over 150 MiB (payload_too_large). */
export const MAX_PAYLOAD = 150 * 1024 * 1024;

/** files/upload: the whole file in one request; UploadError wraps a WriteError as `{ .tag: path, reason }`. */
export function upload(store: DropboxStore, args: Args, body: Buffer): EmulatorResponse {
  if (body.length > MAX_PAYLOAD) return routeError({ '.tag': 'payload_too_large' });
  const outcome = commit(store, 'files/upload', args, body, args['content_hash']);
  if (outcome.ok) return { status: 200, body: outcome.metadata };
  if (outcome.response) return outcome.response;
  if (outcome.tag) return routeError({ '.tag': outcome.tag });
  return routeError({ '.tag': 'path', reason: outcome.write, upload_session_id: '' });
}

/**
 * The upload session routes. start → `{ session_id }`; append_v2 with `cursor: { session_id, offset }`
 * → null, or 409 (UploadSessionAppendError) not_found / closed / `incorrect_offset` with
 * `correct_offset`: "the offset up to which data has been collected" — which is how a client learns
 * where to continue after a request whose answer it lost. finish appends its body, then commits
 * (UploadSessionFinishError: `lookup_failed/...`, or `path/<WriteError>`) and forgets the session.
 * An `expire-session` fault forgets the named session before the call is handled.
 */
export class UploadSessionRoutes {
  constructor(
    private readonly store: DropboxStore,
    private readonly sessions: UploadSessions,
  ) {}

  start(args: Args, body: Buffer): EmulatorResponse {
    if (body.length > MAX_PAYLOAD) return routeError({ '.tag': 'payload_too_large' });
    return { status: 200, body: { session_id: this.sessions.start(body, args['close'] === true).id } };
  }

  append(args: Args, body: Buffer, request: EmulatorRequest): EmulatorResponse {
    const found = this.lookup(args, request);
    if ('status' in found) return found;
    if (found.session.closed) return routeError({ '.tag': 'closed' });
    if (body.length > MAX_PAYLOAD) return routeError({ '.tag': 'payload_too_large' });
    this.sessions.append(found.session, body, args['close'] === true);
    return { status: 200, headers: { 'content-type': 'application/json' }, body: Buffer.from('null') };
  }

  finish(args: Args, body: Buffer, request: EmulatorRequest): EmulatorResponse {
    const found = this.lookup(args, request, 'lookup_failed');
    if ('status' in found) return found;
    const bytes = Buffer.concat([this.sessions.contents(found.session), body]);
    const outcome = commit(this.store, 'files/upload_session/finish', (args['commit'] ?? {}) as Args, bytes, args['content_hash']);
    if (outcome.ok) this.sessions.forget(found.session.id);
    if (outcome.ok) return { status: 200, body: outcome.metadata };
    if (outcome.response) return outcome.response;
    return routeError(outcome.tag ? { '.tag': outcome.tag } : { '.tag': 'path', path: outcome.write });
  }

  /** The session a cursor names at its offset, or the error (flat for append, under `lookup_failed` for finish). */
  private lookup(args: Args, request: EmulatorRequest, wrap?: string) {
    const cursor = (args['cursor'] ?? {}) as Args;
    if (request.fault?.kind === 'expire-session') this.sessions.forget(cursor['session_id']);
    const session = this.sessions.get(cursor['session_id']);
    const fail = (error: Args) => routeError(wrap ? { '.tag': wrap, [wrap]: error } : error);
    if (!session) return fail({ '.tag': 'not_found' });
    if (cursor['offset'] !== session.offset) return fail({ '.tag': 'incorrect_offset', correct_offset: session.offset });
    return { session };
  }
}

/**
 * files/download: the bytes, with the file's metadata as JSON in the Dropbox-API-Result header. The
 * path is a ReadPath: `rev:<rev>` reads that revision, also of a deleted file (dropbox-read-path.ts).
 * A Range header (bytes=N- or bytes=N-M) gets 206 with Content-Range, as Dropbox's content endpoints allow.
 */
export function download(store: DropboxStore, args: Args, range: string | undefined): EmulatorResponse {
  const version = readPath(store, 'files/download', args['path']);
  if ('status' in version) return version;
  const bytes = version.revision.bytes;
  const headers = { 'dropbox-api-result': headerSafeJson(fileMetadata(version.node, version.revision)), 'content-type': 'application/octet-stream' };
  const match = range ? /^bytes=(\d+)-(\d*)$/.exec(range) : null;
  if (!match) return { status: 200, headers, body: bytes };
  const start = Number(match[1]);
  const end = Math.min(bytes.length - 1, match[2] ? Number(match[2]) : bytes.length - 1);
  if (start >= bytes.length || end < start) return { status: 416, headers: { 'content-range': `bytes */${bytes.length}` }, body: '' };
  return { status: 206, headers: { ...headers, 'content-range': `bytes ${start}-${end}/${bytes.length}` }, body: bytes.subarray(start, end + 1) };
}
