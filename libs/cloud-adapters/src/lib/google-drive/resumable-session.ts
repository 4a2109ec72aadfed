import { readBounded } from '../bounded-read.js';
import { BackupError } from '../errors.js';
import type { DriveApi, DriveFile } from './drive-api.js';
import { DriveHttpError } from './drive-errors.js';

/**
 * The wire side of a Drive resumable upload (developers.google.com/drive/api/guides/manage-uploads#resumable):
 * a PUT of a chunk with `Content-Range: bytes a-b/N`, or of nothing with `bytes *\/N` to ask how far the
 * session got. Drive answers 308 Resume Incomplete with `Range: bytes=0-<last>` (no Range: nothing yet),
 * 200/201 with the File once the last byte is in, and 404 (410 on some front ends) once the session expired.
 * Every number Drive gives is checked against what was sent.
 */
export type SessionAnswer = { kind: 'partial'; committed: number } | { kind: 'done'; file: DriveFile } | { kind: 'expired' };

const MAX_JSON = 1 << 20;

async function boundedJson(res: Response): Promise<unknown> {
  const text = (await readBounded(res.body, { maxBytes: MAX_JSON, what: 'Google Drive’s answer to an upload', readFor: 'an answer' })).toString('utf8');
  try {
    return text ? JSON.parse(text) : {};
  } catch {
    return text;
  }
}

/** `Range: bytes=0-N` as a byte count, checked against the most that can be there. */
function committedBytes(range: string | null, atMost: number): number {
  if (range === null) return 0;
  const match = /^bytes=0-(\d{1,15})$/.exec(range.trim());
  const committed = match ? Number(match[1]) + 1 : NaN;
  if (!Number.isSafeInteger(committed) || committed > atMost) {
    throw new BackupError(`Google Drive reported an impossible upload position (${JSON.stringify(range.slice(0, 60))}; at most ${atMost} bytes were sent).`);
  }
  return committed;
}

/** True when the session URI is on the API's own origin: the bearer token goes nowhere else. */
export function sameOrigin(sessionUrl: string, rootUrl: string): boolean {
  try {
    return new URL(sessionUrl).origin === new URL(rootUrl).origin;
  } catch {
    return false;
  }
}

export class ResumableSession {
  constructor(
    private readonly api: DriveApi,
    readonly url: string,
    readonly size: number,
  ) {
    if (!sameOrigin(url, api.rootUrl)) throw new BackupError('Google Drive handed out an upload address on another host; refusing to send data there.');
  }

  /** How far the session got (asked before sending anything after an interruption). */
  status(signal?: AbortSignal): Promise<SessionAnswer> {
    return this.put(`bytes */${this.size}`, Buffer.alloc(0), this.size, signal);
  }

  /** Sends `chunk` at `start`; the answer's `committed` never exceeds `start + chunk.length`. */
  send(chunk: Buffer, start: number, signal?: AbortSignal): Promise<SessionAnswer> {
    const end = start + chunk.length;
    return this.put(`bytes ${start}-${end - 1}/${this.size}`, chunk, end, signal);
  }

  private put(contentRange: string, body: Buffer, atMost: number, signal?: AbortSignal): Promise<SessionAnswer> {
    return this.api.authorized('upload to Google Drive', signal, async (headers) => {
      const res = await fetch(this.url, {
        method: 'PUT',
        redirect: 'manual',
        signal,
        headers: { ...headers, 'Content-Range': contentRange },
        body,
      });
      if (res.status === 308) {
        await res.body?.cancel();
        return { kind: 'partial', committed: committedBytes(res.headers.get('range'), atMost) };
      }
      if (res.status === 404 || res.status === 410) {
        await res.body?.cancel();
        return { kind: 'expired' };
      }
      const data = await boundedJson(res);
      if (res.status === 200 || res.status === 201) {
        if (!data || typeof data !== 'object') throw new BackupError('Google Drive finished an upload without describing the file.');
        return { kind: 'done', file: data as DriveFile };
      }
      throw new DriveHttpError({ status: res.status, headers: res.headers, data });
    });
  }
}
