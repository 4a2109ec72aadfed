import type { PutProgress, UploadSessionStore } from '../backup-target.js';
import { readRange, type ContentSource } from '../content.js';
import { BackupError, IntegrityError, TransientError } from '../errors.js';
import type { SentBytesHash } from '../hashes/sent-bytes-hash.js';
import { FILE_FIELDS, type DriveApi, type DriveFile } from './drive-api.js';
import { headerValue } from './drive-errors.js';
import { ResumableSession } from './resumable-session.js';

export interface ResumableUpload {
  api: DriveApi;
  parentId: string;
  name: string;
  mimeType: string;
  content: ContentSource;
  expected: { size: number; sha256: string };
  chunkSize: number;
  /** Where the session URI is kept between attempts and runs, under `key`. */
  sessions: UploadSessionStore;
  key: string;
  hasher: SentBytesHash<'sha256' | 'md5'>;
  signal?: AbortSignal;
  onProgress?: (progress: PutProgress) => void;
  /** Before a new session after a lost one: a file an earlier attempt may already have finished. */
  findLanded: () => Promise<DriveFile | undefined>;
  /** A retry (an earlier attempt of this put failed somewhere). */
  retrying: boolean;
}

/** What is kept in the session store: enough to know the session still belongs to this content. */
interface StoredSession {
  url: string;
  size: number;
  sha256: string;
}

function storedSession(value: unknown, expected: ResumableUpload['expected']): StoredSession | undefined {
  const s = value as Partial<StoredSession> | undefined;
  return s && typeof s.url === 'string' && s.size === expected.size && s.sha256 === expected.sha256 ? (s as StoredSession) : undefined;
}

async function openSession(u: ResumableUpload): Promise<ResumableSession> {
  const requestBody = { name: u.name, parents: [u.parentId], mimeType: u.mimeType };
  const location = await u.api.authorized('start an upload to Google Drive', u.signal, async (headers) => {
    const res = await (await u.api.sdk()).files.create(
      { uploadType: 'resumable', fields: FILE_FIELDS, requestBody },
      { ...u.api.options({ ...headers, 'X-Upload-Content-Type': u.mimeType, 'X-Upload-Content-Length': String(u.content.size) }, u.signal), url: `${u.api.rootUrl}upload/drive/v3/files` },
    );
    return headerValue(res.headers, 'location');
  });
  if (!location) throw new BackupError('Google Drive opened an upload session without saying where to send the data.');
  const session = new ResumableSession(u.api, location, u.content.size);
  await u.sessions.set(u.key, { url: location, size: u.expected.size, sha256: u.expected.sha256 } satisfies StoredSession);
  return session;
}

/**
 * One attempt at a resumable upload, safe to repeat: a kept session is asked how far it got before
 * anything is sent (and may say it already finished, when only its last answer was lost); an expired one
 * is dropped and a new session opened. Chunks are read from the source one at a time. Throws
 * TransientError for what a retry can fix; resolves with the File Drive created.
 */
export async function resumableAttempt(u: ResumableUpload): Promise<DriveFile> {
  const size = u.content.size;
  let session: ResumableSession | undefined;
  let committed = 0;
  const kept = storedSession(await u.sessions.get(u.key), u.expected);
  if (kept) {
    session = new ResumableSession(u.api, kept.url, size);
    const answer = await session.status(u.signal);
    if (answer.kind === 'done') return answer.file;
    if (answer.kind === 'partial') committed = answer.committed;
    else session = undefined;
  }
  if (!session) {
    const landed = kept || u.retrying ? await u.findLanded() : undefined;
    if (landed) return landed;
    session = await openSession(u);
  }
  let reported = -1;
  const report = (at: number) => {
    if (at > reported) u.onProgress?.({ committed: at, size });
    reported = Math.max(reported, at);
  };
  report(committed);
  let sent = 0;
  for (;;) {
    u.signal?.throwIfAborted();
    if (committed >= size) throw new TransientError('Google Drive holds every byte but has not finished the upload yet.');
    await u.hasher.advance(committed, undefined, u.signal);
    const end = Math.min(size, committed + u.chunkSize);
    const chunk = await readRange(u.content, committed, end);
    if (chunk.length !== end - committed) throw new IntegrityError(`The source gave ${chunk.length} bytes at ${committed} instead of ${end - committed}.`);
    sent += chunk.length;
    if (sent > 3 * size + 2 * u.chunkSize) throw new BackupError('Google Drive keeps losing the bytes it acknowledged; giving up on this upload.');
    const answer = await session.send(chunk, committed, u.signal);
    if (answer.kind === 'done') {
      await u.hasher.advance(end, { start: committed, bytes: chunk }, u.signal);
      return answer.file;
    }
    if (answer.kind === 'expired') {
      await u.sessions.delete(u.key);
      throw new TransientError('The Google Drive upload session expired; a new one starts.', 0);
    }
    if (answer.committed > committed) await u.hasher.advance(Math.min(answer.committed, end), { start: committed, bytes: chunk }, u.signal);
    committed = answer.committed;
    report(committed);
  }
}
