import type { Dropbox } from 'dropbox';
import type { ExpectedContent, HashKind, PutOptions } from '../backup-target.js';
import { readRange, type ContentSource } from '../content.js';
import { BackupError, IntegrityError } from '../errors.js';
import { SentBytesHash } from '../hashes/sent-bytes-hash.js';
import type { DropboxClient } from './dropbox-client.js';
import { hasTag, routeErrorOf } from './dropbox-errors.js';
import type { DropboxFileFields } from './dropbox-metadata.js';
import { finishSession } from './dropbox-session-finish.js';
import { correctOffset, lost, SessionLost } from './dropbox-session-offsets.js';
import type { SavedSession, SessionSlot } from './dropbox-session-store.js';

export interface SessionUpload {
  client: DropboxClient;
  /** The Dropbox path to write. */
  full: string;
  content: ContentSource;
  expected: ExpectedContent;
  chunkSize: number;
  options: PutOptions;
  slot: SessionSlot;
  /** The file at `full` now, in one call (to learn whether a finish whose answer was lost went through). */
  stat(dropbox: Dropbox): Promise<DropboxFileFields | undefined>;
}

export type Digests = Partial<Record<HashKind, string>>;
export interface Uploaded {
  metadata: DropboxFileFields;
  /** sha256 and Dropbox content hash of the bytes sent. */
  sent: Digests;
}

/** What an upload hashes: Dropbox's content_hash of the copy, and sha256 to check against `expected`. */
export const SENT_KINDS = ['sha256', 'dropbox'] as const;
const MAX_RESTARTS = 2;
const MAX_RESYNCS = 3;

/**
 * A large file through a Dropbox upload session (files/upload_session/start, append_v2, finish),
 * resumable: the session id and the acknowledged offset are kept in the caller's store after each
 * chunk. A later attempt asks Dropbox where the session stands with a zero-byte append (answered by
 * incorrect_offset → correct_offset when it differs) and sends only the rest; the bytes before that
 * are read again locally, only to hash them. A lost session starts over. The finish commits with mode
 * overwrite and the content_hash of what was sent; if its answer is lost, the file at the path is
 * looked at before trying again, so a retry never leaves two files.
 */
export async function uploadInSession(upload: SessionUpload): Promise<Uploaded> {
  let session = await resumeOrStart(upload);
  for (let restarts = 0; ; ) {
    try {
      const sent = await sendRest(upload, session);
      if (sent.sha256 !== upload.expected.sha256) {
        await upload.slot.clear();
        throw new IntegrityError(`The bytes read for ${upload.full} hash to sha256 ${sent.sha256}, not the expected ${upload.expected.sha256}; nothing was committed.`);
      }
      const finished = await finishSession(upload, session, sent);
      if (typeof finished === 'number') {
        session = { ...session, offset: finished };
        continue;
      }
      await upload.slot.clear();
      return { metadata: finished, sent };
    } catch (error) {
      if (!(error instanceof SessionLost) || ++restarts > MAX_RESTARTS) throw error;
      await upload.slot.clear();
      session = await start(upload);
    }
  }
}

async function resumeOrStart(upload: SessionUpload): Promise<SavedSession> {
  const saved = await upload.slot.load();
  if (!saved) return start(upload);
  const offset = await upload.client.call(`Resuming the upload of ${upload.full}`, upload.options.signal, async (dropbox) => {
    try {
      await dropbox.filesUploadSessionAppendV2({ cursor: { session_id: saved.sessionId, offset: saved.offset }, close: false, contents: Buffer.alloc(0) });
      return saved.offset;
    } catch (error) {
      const route = routeErrorOf(error);
      if (hasTag(route, 'incorrect_offset')) return correctOffset(route, upload.content.size);
      if (lost(route)) return undefined;
      throw error;
    }
  });
  if (offset !== undefined) return { sessionId: saved.sessionId, offset };
  await upload.slot.clear();
  return start(upload);
}

async function start(upload: SessionUpload): Promise<SavedSession> {
  const sessionId = await upload.client.call(`Starting the upload of ${upload.full}`, upload.options.signal, async (dropbox) => {
    const { result } = await dropbox.filesUploadSessionStart({ close: false, contents: Buffer.alloc(0) });
    if (typeof result.session_id !== 'string' || !result.session_id || result.session_id.length > 300) throw new BackupError('Dropbox answered upload_session/start without a usable session id.');
    return result.session_id;
  });
  const session = { sessionId, offset: 0 };
  await upload.slot.save(session);
  return session;
}

/** Hashes the bytes before `session.offset` locally, then sends the rest chunk by chunk. */
async function sendRest(upload: SessionUpload, session: SavedSession): Promise<Digests> {
  const { content, options } = upload;
  const size = content.size;
  const hash = new SentBytesHash(content, SENT_KINDS);
  await hash.advance(session.offset, undefined, options.signal);
  let reported = -1;
  const report = (committed: number) => {
    if (committed > reported) options.onProgress?.({ committed, size });
    reported = Math.max(reported, committed);
  };
  report(session.offset);
  for (let resyncs = 0; session.offset < size; ) {
    options.signal?.throwIfAborted();
    const end = Math.min(size, session.offset + upload.chunkSize);
    const chunk = await readRange(content, session.offset, end);
    if (chunk.length !== end - session.offset) throw new IntegrityError(`The source of ${upload.full} gave ${chunk.length} bytes where ${end - session.offset} were expected; it changed while uploading.`);
    const acked = await append(upload, session, chunk);
    if (acked !== end && ++resyncs > MAX_RESYNCS) throw new SessionLost(`Dropbox kept reporting unexpected offsets for ${upload.full}.`);
    await hash.advance(acked, { start: session.offset, bytes: chunk }, options.signal);
    session.offset = acked;
    await upload.slot.save(session);
    report(acked);
  }
  return hash.digests();
}

/** One chunk at the session's offset; the offset Dropbox holds afterwards (a retry of a chunk that did land learns it here). */
function append(upload: SessionUpload, session: SavedSession, chunk: Buffer): Promise<number> {
  return upload.client.call(`Uploading ${upload.full}`, upload.options.signal, async (dropbox) => {
    try {
      await dropbox.filesUploadSessionAppendV2({ cursor: { session_id: session.sessionId, offset: session.offset }, close: false, contents: chunk });
      return session.offset + chunk.length;
    } catch (error) {
      const route = routeErrorOf(error);
      if (hasTag(route, 'incorrect_offset')) return correctOffset(route, upload.content.size);
      if (lost(route)) throw new SessionLost(`Dropbox no longer has the upload session of ${upload.full}.`, { cause: error });
      throw error;
    }
  });
}
