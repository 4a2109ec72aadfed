import { jsonBody, type EmulatorRequest, type EmulatorResponse } from '../lib/server.js';
import { header, type DriveContext } from './context.js';
import { badRequest, driveError, invalidParameter, storageQuotaExceeded, uploadSessionNotFound } from './errors.js';
import { fileResponse, newItemFrom } from './metadata-routes.js';
import { boundaryOf, parseMultipart } from './multipart.js';
import type { UploadSession } from './sessions.js';
import type { DriveItem, NewItem } from './store.js';

/**
 * POST /upload/drive/v3/files with uploadType=multipart | media | resumable, and PUT on a resumable
 * session URI (…?uploadType=resumable&upload_id=…) — developers.google.com/drive/api/guides/manage-uploads.
 * Chunks other than the last must be multiples of 256 KiB; like Google's upload servers, the emulator
 * commits a chunk only up to the last whole 256 KiB and says so in the 308's Range header.
 */
const GRANULE = 256 * 1024;

const tooLarge = (): EmulatorResponse => driveError(413, { reason: 'uploadTooLarge', message: 'The upload is larger than this emulator keeps.' });

/** Keeps an upload as a new file, or gives the 403 storageQuotaExceeded / 413 answer. */
function keep(context: DriveContext, meta: NewItem, content: Buffer): DriveItem | EmulatorResponse {
  if (content.length > context.maxFileBytes) return tooLarge();
  if (context.store.usedBytes() + content.length > context.store.quotaBytes) return storageQuotaExceeded();
  return context.store.create(meta, context.tamper ? context.tamper(content) : content);
}

function kept(context: DriveContext, meta: NewItem, content: Buffer, fields: string | null): EmulatorResponse {
  const item = keep(context, meta, content);
  return 'status' in item ? item : fileResponse(item, fields);
}

export function startUpload(request: EmulatorRequest, context: DriveContext): EmulatorResponse {
  const fields = request.query.get('fields');
  const type = request.query.get('uploadType');
  if (type === 'media') return kept(context, { name: 'Untitled', mimeType: header(request, 'content-type') }, request.body, fields);
  if (type === 'multipart') {
    const boundary = boundaryOf(header(request, 'content-type'));
    const [metadata, media, ...extra] = (boundary ? parseMultipart(request.body, boundary) : undefined) ?? [];
    if (!metadata || !media || extra.length || !/^application\/json/i.test(metadata.headers['content-type'] ?? '')) return badRequest('Malformed multipart body.');
    const json = jsonBody({ ...request, body: metadata.body });
    const meta = json ? newItemFrom(json, context) : badRequest('Malformed multipart body.');
    if ('status' in meta) return meta;
    return kept(context, { ...meta, mimeType: meta.mimeType ?? media.headers['content-type'] }, media.body, fields);
  }
  if (type !== 'resumable') return invalidParameter('uploadType');
  const json = jsonBody(request);
  const meta = json ? newItemFrom(json, context) : badRequest('Invalid JSON payload received.');
  if ('status' in meta) return meta;
  const declared = header(request, 'x-upload-content-length');
  const total = declared === undefined ? undefined : Number(declared);
  if (total !== undefined && !(Number.isSafeInteger(total) && total >= 0)) return badRequest('Invalid X-Upload-Content-Length.');
  if (total !== undefined && total > context.maxFileBytes) return tooLarge();
  if (total !== undefined && context.store.usedBytes() + total > context.store.quotaBytes) return storageQuotaExceeded();
  const session = context.sessions.create({ ...meta, mimeType: meta.mimeType ?? header(request, 'x-upload-content-type') }, fields, total);
  return { status: 200, headers: { location: `${request.origin}/upload/drive/v3/files?uploadType=resumable&upload_id=${session.id}` } };
}

/** `bytes a-b/N`, `bytes a-b/*`, `bytes *\/N` or `bytes *\/*` (a status query). */
function contentRange(value: string | undefined): { start?: number; end?: number; total?: number } | undefined {
  const match = /^bytes (?:(\d{1,15})-(\d{1,15})|\*)\/(\d{1,15}|\*)$/.exec(value?.trim() ?? '');
  if (!match) return undefined;
  const total = match[3] === '*' ? undefined : Number(match[3]);
  if (match[1] === undefined) return { total };
  const start = Number(match[1]);
  const end = Number(match[2]);
  return end < start ? undefined : { start, end, total };
}

const incomplete = (session: UploadSession): EmulatorResponse => ({
  status: 308,
  headers: session.committed > 0 ? { range: `bytes=0-${session.committed - 1}` } : {},
});

export function putChunk(request: EmulatorRequest, context: DriveContext): EmulatorResponse {
  const id = request.query.get('upload_id');
  if (request.fault?.kind === 'expire-session') context.sessions.expire(id);
  const session = context.sessions.get(id);
  if (!session) return uploadSessionNotFound();
  if (session.fileId !== undefined) {
    const item = context.store.get(session.fileId);
    return item ? fileResponse(item, session.fields) : uploadSessionNotFound();
  }
  const range = contentRange(header(request, 'content-range'));
  if (!range) return badRequest('Failed to parse Content-Range header.');
  if (range.total !== undefined) {
    if (session.total !== undefined && session.total !== range.total) return badRequest('The total size does not match the size given before.');
    if (range.total > context.maxFileBytes) return tooLarge();
    session.total = range.total;
  }
  if (range.start === undefined || range.end === undefined) return request.body.length === 0 ? incomplete(session) : badRequest('Failed to parse Content-Range header.');
  if (request.body.length !== range.end - range.start + 1) return badRequest('The Content-Range does not match the length of the body.');
  if (range.start > session.committed) {
    return badRequest(`Invalid request. According to the Content-Range header, the upload offset is ${range.start} byte(s), which exceeds already uploaded size of ${session.committed} byte(s).`);
  }
  const end = range.end + 1;
  if (session.total !== undefined && end > session.total) return badRequest('The Content-Range goes past the total size.');
  if (end > context.maxFileBytes) return tooLarge();
  const fresh = request.body.subarray(Math.min(request.body.length, session.committed - range.start));
  if (session.total !== undefined && end === session.total) {
    const item = keep(context, session.meta, Buffer.concat([...session.chunks, fresh]));
    if ('status' in item) return item;
    session.fileId = item.id;
    session.chunks = [];
    session.committed = session.total;
    return fileResponse(item, session.fields);
  }
  const commitTo = Math.max(session.committed, Math.floor(end / GRANULE) * GRANULE);
  if (commitTo > session.committed) session.chunks.push(fresh.subarray(0, commitTo - session.committed));
  session.committed = commitTo;
  return incomplete(session);
}
