import { randomBytes } from 'node:crypto';
import type { EmulatorRequest, EmulatorResponse } from '../lib/server.js';
import { driveItemJson } from './drive-item-json.js';
import type { DriveStore } from './drive-store.js';
import { baseItem, type ItemAddress } from './graph-address.js';
import { GraphFailure, invalidRequest, notFound } from './graph-errors.js';

/** "The size of each byte range MUST be a multiple of 320 KiB (327,680 bytes)." */
export const FRAGMENT_UNIT = 320 * 1024;
/** "… as long as the maximum bytes in any given request is less than 60 MiB." */
const MAX_FRAGMENT = 60 * 1024 * 1024;
const MAX_FILE = 250 * 1024 ** 3;

interface UploadSession {
  baseId: string;
  folder: string[];
  name: string;
  conflict: 'fail' | 'replace';
  total?: number;
  parts: Buffer[];
  next: number;
  expires: number;
}

/**
 * Upload sessions (driveitem-createuploadsession): `POST …:/createUploadSession` hands out an uploadUrl
 * on this emulator (/upload/{id}); PUT byte ranges to it in order with Content-Range (202 with
 * nextExpectedRanges, then 201/200 with the driveItem on the last); GET it for the missing ranges;
 * DELETE it to cancel. The upload URL needs no Authorization ("Don't include it when you issue the PUT
 * call", which "may result in an HTTP 401"). An unknown or expired session is 404 itemNotFound (the
 * documented cue to start the upload over).
 */
export class UploadSessions {
  private readonly sessions = new Map<string, UploadSession>();

  constructor(
    private readonly store: DriveStore,
    private readonly lifetimeMs = 15 * 60_000,
  ) {}

  get open(): number {
    return this.sessions.size;
  }

  create(request: EmulatorRequest, address: ItemAddress): EmulatorResponse {
    const base = baseItem(this.store, address);
    const existing = address.segments.length === 0 ? base : undefined;
    if (existing?.folder) throw invalidRequest('An upload session needs a file name after the folder path.');
    const body = request.body.length ? (parseJson(request.body) as { item?: Record<string, unknown> }) : {};
    const conflict = body.item?.['@microsoft.graph.conflictBehavior'] ?? 'fail';
    if (conflict !== 'fail' && conflict !== 'replace') throw invalidRequest(`conflictBehavior ${String(conflict)} is not emulated.`);
    const fileSize = body.item?.['fileSize'];
    if (typeof fileSize === 'number' && fileSize > this.store.quotaTotal - this.store.used()) {
      throw new GraphFailure(507, 'quotaLimitReached', 'Insufficient Space Available');
    }
    const folder = existing ? [] : address.segments.slice(0, -1);
    const name = existing ? existing.name : (address.segments.at(-1) ?? '');
    const parent = existing ? this.store.parentOf(existing) : this.store.find(base, folder);
    if (conflict === 'fail' && parent && this.store.child(parent, name)) throw new GraphFailure(409, 'nameAlreadyExists', `An item named ${name} already exists.`);
    const id = randomBytes(18).toString('base64url');
    const session: UploadSession = { baseId: parent && existing ? parent.id : base.id, folder, name, conflict, parts: [], next: 0, expires: Date.now() + this.lifetimeMs };
    this.sessions.set(id, session);
    return { status: 200, body: { uploadUrl: `${request.origin}/upload/${id}`, ...this.status(session) } };
  }

  put(id: string, request: EmulatorRequest): EmulatorResponse {
    if (request.headers.authorization) throw new GraphFailure(401, 'unauthenticated', 'Do not send an Authorization header to an upload URL.');
    if (request.fault?.kind === 'expire-session') this.sessions.delete(id);
    const session = this.live(id);
    const range = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(String(request.headers['content-range'] ?? ''));
    if (!range) throw invalidRequest('Content-Range must be "bytes {start}-{end}/{total}".');
    const [start, end, total] = range.slice(1).map(Number) as [number, number, number];
    if (total > MAX_FILE || end < start || end >= total) throw invalidRequest(`Content-Range ${range[0]} is not a range inside the file.`);
    if (session.total !== undefined && session.total !== total) throw invalidRequest(`The file size in Content-Range changed from ${session.total} to ${total}.`);
    if (request.body.length !== end - start + 1) throw invalidRequest(`Content-Range says ${end - start + 1} bytes, the body has ${request.body.length}.`);
    if (request.body.length > MAX_FRAGMENT) throw new GraphFailure(413, 'invalidRequest', 'A fragment must be smaller than 60 MiB.');
    if (start !== session.next) throw new GraphFailure(416, 'invalidRange', `The upload session expects bytes from ${session.next}, not ${start}.`);
    if (end + 1 < total && request.body.length % FRAGMENT_UNIT !== 0) {
      throw invalidRequest('Each fragment but the last must be a multiple of 320 KiB (327,680 bytes).');
    }
    session.total = total;
    session.expires = Date.now() + this.lifetimeMs;
    if (end + 1 === total) return this.commit(id, session, request.body, request.origin);
    session.parts.push(request.body);
    session.next = end + 1;
    return { status: 202, body: this.status(session) };
  }

  get(id: string): EmulatorResponse {
    return { status: 200, body: this.status(this.live(id)) };
  }

  cancel(id: string): EmulatorResponse {
    this.live(id);
    this.sessions.delete(id);
    return { status: 204 };
  }

  /** The last byte arrived: the file appears (a failed commit keeps the session without the last fragment, as documented). */
  private commit(id: string, session: UploadSession, last: Buffer, origin: string): EmulatorResponse {
    const base = this.store.items.get(session.baseId);
    if (!base || base.deletedAt) throw notFound('the folder of the upload');
    const parent = this.store.ensureFolder(base, session.folder);
    if (session.conflict === 'fail' && this.store.child(parent, session.name)) {
      throw new GraphFailure(409, 'nameAlreadyExists', 'Another file exists with the same name as the uploaded session.');
    }
    const { item, created } = this.store.writeFile(parent, session.name, Buffer.concat([...session.parts, last]));
    this.sessions.delete(id);
    return { status: created ? 201 : 200, body: driveItemJson(this.store, item, origin) };
  }

  private live(id: string): UploadSession {
    const session = this.sessions.get(id);
    if (session && session.expires < Date.now()) this.sessions.delete(id);
    if (!session || session.expires < Date.now()) throw new GraphFailure(404, 'itemNotFound', 'The upload session was not found or has expired.');
    return session;
  }

  private status(session: UploadSession): object {
    return { expirationDateTime: new Date(session.expires).toISOString(), nextExpectedRanges: [`${session.next}-`] };
  }
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw invalidRequest('The request body is not JSON.');
  }
}
