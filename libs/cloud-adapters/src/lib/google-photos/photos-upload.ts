import type { ExpectedContent, PutOptions, UploadSessionStore } from '../backup-target.js';
import { discardBody } from '../bounded-read.js';
import { readRange, type ContentSource } from '../content.js';
import { BackupError, IntegrityError, TransientError } from '../errors.js';
import { SentBytesHash } from '../hashes/sent-bytes-hash.js';
import { withRetry, type RetryOptions } from '../retry.js';
import type { PhotosHttp } from './photos-http.js';
import { loadSession, querySession, readToken, SessionGone, startSession, type StoredSession } from './upload-session.js';

export interface UploadJob {
  name: string;
  mimeType: string;
  content: ContentSource;
  expected: ExpectedContent;
  sessions: UploadSessionStore;
  /** The key of this upload's session in `sessions`. */
  key: string;
  options: PutOptions;
}

export interface Uploaded {
  token: string;
  /** The session came from an earlier put (its token may have been used by that put's batchCreate already). */
  resumed: boolean;
}

/** The sha256 of the bytes handed over, checked against `expected` before the last byte goes out. */
type SentHash = SentBytesHash<'sha256'>;

/** New sessions tried after Google forgot one, before giving up. */
const MAX_SESSIONS = 3;

/**
 * The byte upload step: a simple upload (X-Goog-Upload-Protocol: raw) up to `simpleUploadMax`, else the resumable
 * protocol in chunks with the session kept in `sessions`, so an interrupted upload resumes from the offset
 * `query` reports. The sha256 of the bytes sent is checked against `expected` before the last byte goes
 * out: a mismatch finalizes nothing, so no upload token and no media item exist.
 */
export class PhotosUploader {
  constructor(
    private readonly http: PhotosHttp,
    private readonly retry: RetryOptions,
    private readonly chunkSize: number,
    private readonly simpleUploadMax: number,
  ) {}

  async upload(job: UploadJob): Promise<Uploaded> {
    const hash: SentHash = new SentBytesHash(job.content, ['sha256']);
    let reported = -1;
    const progress = (committed: number) => {
      if (committed <= reported) return;
      reported = committed;
      job.options.onProgress?.({ committed, size: job.content.size });
    };
    const retry = { ...this.retry, signal: job.options.signal };
    if (job.content.size <= this.simpleUploadMax) {
      const body = await readRange(job.content, 0, job.content.size);
      await hash.advance(body.length, { start: 0, bytes: body });
      this.check(hash, job);
      const headers = { 'content-type': 'application/octet-stream', 'x-goog-upload-content-type': job.mimeType, 'x-goog-upload-protocol': 'raw' };
      const token = await withRetry(async () => readToken(await this.http.send({ method: 'POST', url: '/v1/uploads', headers, body, signal: job.options.signal })), retry);
      progress(body.length);
      return { token, resumed: false };
    }
    let session = await loadSession(this.http, job.sessions, job.key);
    let resumed = session !== undefined;
    for (let round = 1; round <= MAX_SESSIONS; round++) {
      session ??= await withRetry(() => startSession(this.http, job.content.size, job.mimeType, this.chunkSize, job.options.signal), retry);
      await job.sessions.set(job.key, session);
      try {
        const token = session.token ?? (await this.send(session, resumed, hash, job, progress, retry));
        await this.caughtUp(hash, job);
        progress(job.content.size);
        await job.sessions.set(job.key, { ...session, token });
        return { token, resumed };
      } catch (error) {
        if (error instanceof IntegrityError || error instanceof SessionGone) await job.sessions.delete(job.key);
        if (!(error instanceof SessionGone)) throw error;
        session = undefined;
        resumed = false;
      }
    }
    throw new TransientError(`Google Photos forgot the upload session of ${job.name} ${MAX_SESSIONS} times in a row.`);
  }

  /** Sends the chunks from where Google stands; answers the upload token. */
  private async send(session: StoredSession, resumed: boolean, hash: SentHash, job: UploadJob, progress: (n: number) => void, retry: RetryOptions): Promise<string> {
    const size = job.content.size;
    let offset = 0;
    let ask = resumed;
    for (;;) {
      const step = await withRetry(async (attempt) => {
        if (ask || attempt > 1) {
          const answer = await querySession(this.http, session.url, size, job.options.signal);
          ask = false;
          if ('token' in answer) return answer;
          offset = answer.received;
          progress(offset);
        }
        return this.chunk(session, offset, hash, job);
      }, retry);
      if ('token' in step) {
        await this.caughtUp(hash, job);
        progress(size);
        return step.token;
      }
      offset = step.received;
      progress(offset);
    }
  }

  private async chunk(session: StoredSession, offset: number, hash: SentHash, job: UploadJob): Promise<{ token: string } | { received: number }> {
    const end = Math.min(job.content.size, offset + session.chunk);
    const last = end === job.content.size;
    const body = await readRange(job.content, offset, end);
    if (body.length !== end - offset) throw new BackupError(`The content of ${job.name} gave ${body.length} bytes at ${offset} where ${end - offset} were expected.`);
    await hash.advance(end, { start: offset, bytes: body }, job.options.signal);
    if (last) this.check(hash, job);
    const headers = { 'x-goog-upload-command': last ? 'upload, finalize' : 'upload', 'x-goog-upload-offset': String(offset) };
    const response = await this.http.send({ method: 'POST', url: session.url, headers, body, signal: job.options.signal }, [404, 410]);
    if (response.status === 404 || response.status === 410) {
      await discardBody(response);
      throw new SessionGone(`The upload session of ${job.name} expired.`);
    }
    if (last) return { token: await readToken(response) };
    await discardBody(response);
    return { received: end };
  }

  /** A finished upload's hash: every byte read again from the content when this run did not send them all. */
  private async caughtUp(hash: SentHash, job: UploadJob): Promise<void> {
    await hash.advance(job.content.size, undefined, job.options.signal);
    this.check(hash, job);
  }

  private check(hash: SentHash, job: UploadJob): void {
    const sent = hash.digests();
    if (sent.size !== job.expected.size || sent.sha256 !== job.expected.sha256) {
      throw new IntegrityError(
        `${job.name}: the bytes handed over are ${sent.size} bytes with sha256 ${sent.sha256}, not the expected ${job.expected.size} bytes with ${job.expected.sha256}; nothing was stored in Google Photos.`,
      );
    }
  }
}
