import type { EmulatorRequest, EmulatorResponse } from '../lib/server.js';
import { googleError } from './google-errors.js';
import { newId, type PhotosState, type UploadSession } from './photos-state.js';

/** The byte alignment Google announces in X-Goog-Upload-Chunk-Granularity (256 KiB). */
export const CHUNK_GRANULARITY = 262_144;
/** Videos may be up to 20 GB (upload-media guide, "Accepted file types and sizes"). */
const MAX_RAW_SIZE = 20 * 1024 ** 3;

function header(request: EmulatorRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function final(session: UploadSession): EmulatorResponse {
  return { status: 200, headers: { 'x-goog-upload-status': 'final', 'x-goog-upload-size-received': String(session.received) }, body: session.token ?? '' };
}

/**
 * POST /v1/uploads — the byte upload step of the Library API.
 * - Simple upload (upload-media guide, "Step 1: Uploading bytes"): `X-Goog-Upload-Protocol: raw`, the bytes as
 *   the body; the answer is the upload token as raw text.
 * - Resumable upload (resumable-uploads guide): `X-Goog-Upload-Protocol: resumable` + `X-Goog-Upload-Command: start`
 *   with `X-Goog-Upload-Raw-Size` answers 200 with `X-Goog-Upload-URL` and `X-Goog-Upload-Chunk-Granularity`.
 *   The session URL (…/v1/uploads?upload_id=…&upload_protocol=resumable, as real ones look) then takes
 *   `upload` (with `X-Goog-Upload-Offset`), `upload, finalize` or `finalize` (the body of the finished upload
 *   is the upload token), and `query` (`X-Goog-Upload-Status` active|final and `X-Goog-Upload-Size-Received`;
 *   a final session answers with its token again).
 * Google does not document its answer for an expired session; this emulator answers 404 (our assumption).
 */
export function handleUpload(state: PhotosState, request: EmulatorRequest): EmulatorResponse {
  const uploadId = request.query.get('upload_id');
  if (uploadId !== null) return sessionCommand(state, request, uploadId);
  const protocol = header(request, 'x-goog-upload-protocol');
  const mimeType = header(request, 'x-goog-upload-content-type') ?? 'application/octet-stream';
  if (protocol === 'raw') return { status: 200, body: state.issueToken(request.body, mimeType) };
  if (protocol !== 'resumable' || header(request, 'x-goog-upload-command') !== 'start') {
    return googleError(400, 'X-Goog-Upload-Protocol must be raw, or resumable with X-Goog-Upload-Command: start.');
  }
  const rawSize = header(request, 'x-goog-upload-raw-size') ?? '';
  if (!/^\d{1,12}$/.test(rawSize) || Number(rawSize) > MAX_RAW_SIZE) return googleError(400, 'X-Goog-Upload-Raw-Size must give the size of the file in bytes.');
  const session: UploadSession = { id: newId('AEnB2U'), size: Number(rawSize), mimeType, parts: [], received: 0 };
  state.sessions.set(session.id, session);
  return {
    status: 200,
    headers: {
      'x-goog-upload-status': 'active',
      'x-goog-upload-url': `${request.origin}/v1/uploads?upload_id=${session.id}&upload_protocol=resumable`,
      'x-goog-upload-chunk-granularity': String(CHUNK_GRANULARITY),
    },
  };
}

function sessionCommand(state: PhotosState, request: EmulatorRequest, uploadId: string): EmulatorResponse {
  if (request.fault?.kind === 'expire-session') state.sessions.delete(uploadId);
  const session = state.sessions.get(uploadId);
  if (!session) return { status: 404, headers: { 'x-goog-upload-status': 'cancelled' }, body: 'Upload session not found or expired.' };
  const commands = (header(request, 'x-goog-upload-command') ?? '').split(',').map((c) => c.trim());
  if (commands.includes('query')) {
    if (session.token) return final(session);
    return { status: 200, headers: { 'x-goog-upload-status': 'active', 'x-goog-upload-size-received': String(session.received) } };
  }
  if (commands.includes('cancel')) {
    state.sessions.delete(uploadId);
    return { status: 200, headers: { 'x-goog-upload-status': 'cancelled' } };
  }
  const upload = commands.includes('upload');
  const finalize = commands.includes('finalize');
  if (!upload && !finalize) return googleError(400, 'X-Goog-Upload-Command must be upload, finalize, query or cancel.');
  if (session.token) return googleError(400, 'This upload is already finalized.', { 'x-goog-upload-status': 'final' });
  if (upload) {
    const offset = header(request, 'x-goog-upload-offset');
    if (offset === undefined || !/^\d{1,12}$/.test(offset) || Number(offset) !== session.received) {
      return googleError(400, `X-Goog-Upload-Offset must be ${session.received}, the bytes received so far.`, { 'x-goog-upload-status': 'active' });
    }
    if (session.received + request.body.length > session.size) return googleError(400, 'The upload is larger than X-Goog-Upload-Raw-Size.');
    if (!finalize && request.body.length % CHUNK_GRANULARITY !== 0) {
      return googleError(400, `Every chunk but the last must be a multiple of ${CHUNK_GRANULARITY} bytes.`);
    }
    session.parts.push(request.body);
    session.received += request.body.length;
  }
  if (!finalize) return { status: 200, headers: { 'x-goog-upload-status': 'active' } };
  if (session.received !== session.size) return googleError(400, `Finalized after ${session.received} of ${session.size} bytes.`);
  session.token = state.issueToken(Buffer.concat(session.parts), session.mimeType);
  session.parts = [];
  return final(session);
}
