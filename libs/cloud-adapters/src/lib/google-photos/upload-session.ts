import type { UploadSessionStore } from '../backup-target.js';
import { discardBody } from '../bounded-read.js';
import { BackupError } from '../errors.js';
import { readBody, type PhotosHttp } from './photos-http.js';

/** What a resumable upload keeps in the caller's UploadSessionStore (JSON). */
export interface StoredSession {
  /** The X-Goog-Upload-URL. */
  url: string;
  /** Bytes per chunk: the chunk-size option rounded to the server's granularity. */
  chunk: number;
  /** Set once the upload was finalized, until batchCreate used it (tokens stay valid for a day). */
  token?: string;
}

/** The session was forgotten by Google (expired, cancelled): start a new one. */
export class SessionGone extends Error {
  override readonly name = 'SessionGone';
}

export type QueryAnswer = { token: string } | { received: number };

const MAX_CHUNK = 64 * 1024 * 1024;

/** A stored session for exactly these bytes, or undefined when there is none or it does not look like ours. */
export async function loadSession(http: PhotosHttp, sessions: UploadSessionStore, key: string): Promise<StoredSession | undefined> {
  const value = (await sessions.get(key)) as Partial<StoredSession> | undefined;
  const chunk = value?.chunk;
  if (!value || typeof value.url !== 'string' || typeof chunk !== 'number' || !Number.isSafeInteger(chunk) || chunk <= 0 || chunk > MAX_CHUNK) return undefined;
  if (value.token !== undefined && !validToken(value.token)) return undefined;
  if (!URL.canParse(value.url) || !http.trusted(new URL(value.url))) return undefined;
  return { url: value.url, chunk, ...(value.token ? { token: value.token } : {}) };
}

function validToken(token: unknown): token is string {
  return typeof token === 'string' && /^[\x21-\x7e]{1,4096}$/.test(token);
}

/** The upload token a finished upload answers with (raw text). */
export async function readToken(response: Response): Promise<string> {
  const token = (await readBody(response, 64 * 1024)).toString('utf8').trim();
  if (!validToken(token)) throw new BackupError('Google Photos finished the upload but sent no usable upload token.');
  return token;
}

/** X-Goog-Upload-Command: start. Answers the session URL and the chunk size to use with it. */
export async function startSession(http: PhotosHttp, size: number, mimeType: string, chunkSize: number, signal?: AbortSignal): Promise<StoredSession> {
  const headers = { 'x-goog-upload-command': 'start', 'x-goog-upload-content-type': mimeType, 'x-goog-upload-protocol': 'resumable', 'x-goog-upload-raw-size': String(size) };
  const response = await http.send({ method: 'POST', url: '/v1/uploads', headers, signal });
  await discardBody(response);
  const url = response.headers.get('x-goog-upload-url') ?? '';
  if (!URL.canParse(url) || !http.trusted(new URL(url))) throw new BackupError(`Google Photos started an upload without a usable session URL (${JSON.stringify(url.slice(0, 200))}).`);
  const granularityText = response.headers.get('x-goog-upload-chunk-granularity') ?? '';
  const granularity = /^\d{1,9}$/.test(granularityText) ? Number(granularityText) : 0;
  if (granularity <= 0 || granularity > MAX_CHUNK) return { url, chunk: chunkSize };
  return { url, chunk: Math.max(granularity, Math.floor(chunkSize / granularity) * granularity) };
}

/** X-Goog-Upload-Command: query — how many bytes Google has (bounded by `size`), or the token of a finished upload. */
export async function querySession(http: PhotosHttp, url: string, size: number, signal?: AbortSignal): Promise<QueryAnswer> {
  const response = await http.send({ method: 'POST', url, headers: { 'x-goog-upload-command': 'query' }, signal }, [404, 410]);
  const status = response.headers.get('x-goog-upload-status');
  if (response.status === 404 || response.status === 410 || (status !== 'active' && status !== 'final')) {
    await discardBody(response);
    throw new SessionGone(`The upload session is gone (${response.status}, ${status ?? 'no status'}).`);
  }
  if (status === 'final') return { token: await readToken(response) };
  await discardBody(response);
  const text = response.headers.get('x-goog-upload-size-received') ?? '';
  const received = /^\d{1,15}$/.test(text) ? Number(text) : NaN;
  if (!(received >= 0 && received <= size)) throw new BackupError(`Google Photos reports ${JSON.stringify(text)} bytes received of a ${size}-byte upload.`);
  return { received };
}
