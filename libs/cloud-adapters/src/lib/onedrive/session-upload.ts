import type { PutOptions } from '../backup-target.js';
import { type ContentSource, readRange } from '../content.js';
import { BackupError, IntegrityError, TransientError } from '../errors.js';
import type { SentBytesHash } from '../hashes/sent-bytes-hash.js';
import { withRetry } from '../retry.js';
import { type DriveItem, itemHashes } from './drive-item.js';
import type { GraphApi } from './graph-client.js';
import { UploadUrl, type UploadUrlAnswer } from './upload-url.js';

export interface SessionUploadInput {
  api: GraphApi;
  /** The item's path address, ending in ':' ("/me/drive/root:/a/b.jpg:"). */
  address: string;
  content: ContentSource;
  hash: SentBytesHash<'quickxor' | 'sha256'>;
  /** Bytes per PUT: a multiple of 320 KiB, as Graph requires of every fragment but the last. */
  fragmentSize: number;
  /** Where the upload URL is kept in `options.sessions` between attempts and runs. */
  sessionKey: string;
  options: PutOptions;
  /** http upload URLs are accepted only when the API itself is a local emulator. */
  allowHttp: boolean;
  fetchImpl?: typeof fetch;
  /** The item at the path now, for a last fragment whose answer was lost. */
  stat(): Promise<DriveItem | null>;
}

interface Session {
  url: UploadUrl;
  next: number;
}

/** Gives up when this many fragments in a row made no progress (the server keeps refusing or forgetting). */
const MAX_STALLS = 8;

/**
 * A Graph upload session (driveitem-createuploadsession) that resumes instead of starting over: the
 * upload URL is kept in `sessions`; a stored one is asked for its nextExpectedRanges first; a fragment
 * that failed in transit is sent again (416: the session is asked where it stands); a session that is
 * gone (404, "start the entire upload over") is replaced, unless the lost fragment was the last one and
 * the item now at the path has exactly the size and QuickXorHash of what was sent: then that is the
 * upload's result, and no second copy is made.
 */
export async function uploadInSession(input: SessionUploadInput): Promise<DriveItem> {
  const { content, options, hash } = input;
  const size = content.size;
  const signal = options.signal;
  const retry = { ...input.api.retry, signal };
  let reported = -1;
  const progress = (committed: number) => {
    if (committed > reported) options.onProgress?.({ committed: (reported = committed), size });
  };
  let session = await resume(input, retry);
  if (session) progress(session.next);
  let stalls = 0;
  try {
    for (;;) {
      signal?.throwIfAborted();
      if (stalls > MAX_STALLS) throw new BackupError(`The upload to OneDrive made no progress after ${MAX_STALLS} tries; it can be tried again later.`);
      session ??= { url: await create(input), next: 0 };
      const current = session;
      const start = current.next;
      const end = Math.min(size, start + input.fragmentSize);
      const bytes = await readRange(content, start, end);
      if (bytes.length !== end - start) throw new IntegrityError(`The file being uploaded gave ${bytes.length} bytes from offset ${start} where ${end - start} were expected: it changed while it was read.`);
      let answer: UploadUrlAnswer = await withRetry(() => current.url.send(start, bytes, signal), retry);
      if (answer.kind === 'out-of-range') answer = await withRetry(() => current.url.status(signal), retry);
      if (answer.kind === 'expecting') {
        stalls = answer.next > start ? 0 : stalls + 1;
        await hash.advance(answer.next, { start, bytes }, signal);
        current.next = answer.next;
        progress(answer.next);
        continue;
      }
      if (answer.kind === 'complete') {
        await hash.advance(size, { start, bytes }, signal);
        await options.sessions?.delete(input.sessionKey);
        progress(size);
        return answer.item;
      }
      // The session is gone: maybe because this, the last fragment, completed it and the answer was lost.
      await options.sessions?.delete(input.sessionKey);
      session = undefined;
      stalls++;
      if (end === size) {
        await hash.advance(size, { start, bytes }, signal);
        const there = await input.stat();
        if (there && there.size === size && itemHashes(there).quickxor === hash.digests().quickxor) {
          progress(size);
          return there;
        }
      }
    }
  } catch (error) {
    // An abort or a passing failure keeps the session for the next attempt; anything else cancels it.
    if (session && !signal?.aborted && !(error instanceof TransientError)) {
      await session.url.cancel();
      await options.sessions?.delete(input.sessionKey);
    }
    throw error;
  }
}

/** The stored session of this upload, asked where it stands; undefined when there is none or it is gone. */
async function resume(input: SessionUploadInput, retry: { signal?: AbortSignal }): Promise<Session | undefined> {
  const { sessions, signal } = input.options;
  const stored = (await sessions?.get(input.sessionKey)) as { uploadUrl?: unknown; size?: unknown } | undefined;
  if (!stored) return undefined;
  let url: string;
  try {
    if (stored.size !== input.content.size) throw new Error('another size');
    url = UploadUrl.check(stored.uploadUrl, input.allowHttp);
  } catch {
    await sessions?.delete(input.sessionKey);
    return undefined;
  }
  const upload = new UploadUrl(url, input.content.size, input.fetchImpl);
  const answer = await withRetry(() => upload.status(signal), { ...input.api.retry, ...retry });
  if (answer.kind !== 'expecting') {
    await sessions?.delete(input.sessionKey);
    return undefined;
  }
  await input.hash.advance(answer.next, undefined, signal);
  return { url: upload, next: answer.next };
}

/** POST …:/createUploadSession with conflictBehavior replace (and fileSize, so a full drive says so at once). */
async function create(input: SessionUploadInput): Promise<UploadUrl> {
  const { signal, sessions } = input.options;
  const body = { item: { '@microsoft.graph.conflictBehavior': 'replace', fileSize: input.content.size } };
  const created = (await input.api.request('starting an upload session', (c) => c.api(`${input.address}/createUploadSession`).option('signal', signal).post(body), signal)) as {
    uploadUrl?: unknown;
  };
  const url = UploadUrl.check(created?.uploadUrl, input.allowHttp);
  await sessions?.set(input.sessionKey, { uploadUrl: url, size: input.content.size });
  return new UploadUrl(url, input.content.size, input.fetchImpl);
}
