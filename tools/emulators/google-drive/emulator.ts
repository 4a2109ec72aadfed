import { FaultPlan } from '../lib/faults.js';
import { oauthRoutes, type AuthorizationServer, type OAuthOptions } from '../lib/oauth.js';
import { startEmulator, type Emulator, type EmulatorRequest, type EmulatorResponse } from '../lib/server.js';
import { TokenBook } from '../lib/tokens.js';
import type { DriveContext, Route } from './context.js';
import { driveError, faultErrorBody, invalidCredentials } from './errors.js';
import { listFiles } from './list-route.js';
import { createMetadata, deleteFile, getFile, updateFile } from './metadata-routes.js';
import { UploadSessions } from './sessions.js';
import { DriveStore } from './store.js';
import { THUMBNAIL_PATH, thumbnailRoute } from './thumbnails.js';
import { putChunk, startUpload } from './upload-routes.js';
import { ABOUT_PATH, aboutRoute } from './about-route.js';
import { DEFAULT_PERSON, type EmulatedPerson } from '../lib/person.js';

export interface DriveEmulatorOptions {
  faults?: FaultPlan;
  tokens?: TokenBook;
  /** The account's storage quota in bytes (uploads past it answer 403 storageQuotaExceeded). */
  quotaBytes?: number;
  /** False: files get no sha256Checksum, only md5Checksum (true when absent). */
  sha256Checksum?: boolean;
  /** Largest file an upload may create; 256 MiB when absent. */
  maxFileBytes?: number;
  /** Test hook: the bytes Drive keeps instead of those it received. */
  tamper?: (content: Buffer) => Buffer;
  port?: number;
  /** Its authorization server's settings (client id, secret, token lifetime…); it issues tokens into `tokens`. */
  oauth?: Partial<Omit<OAuthOptions, 'provider' | 'tokens'>>;
  /** Who the account is (about.user); Robin Example when absent. */
  person?: EmulatedPerson;
}

export interface DriveEmulator extends Emulator {
  readonly store: DriveStore;
  readonly sessions: UploadSessions;
  readonly tokens: TokenBook;
  /** Google's OAuth (/o/oauth2/v2/auth, /token) on the same origin, issuing tokens this API accepts. */
  readonly oauth: AuthorizationServer;
}

const FILES = '/drive/v3/files';
const UPLOADS = '/upload/drive/v3/files';

/** Method and path → route; `fileId` is the path segment after /files/. */
function routeFor(request: EmulatorRequest): { route: Route; fileId?: string } | undefined {
  const { method, path } = request;
  if (path === FILES) return method === 'GET' ? { route: listFiles } : method === 'POST' ? { route: createMetadata } : undefined;
  if (path === UPLOADS) return method === 'POST' ? { route: startUpload } : method === 'PUT' ? { route: putChunk } : undefined;
  const match = /^\/drive\/v3\/files\/([^/]{1,200})$/.exec(path);
  if (!match) return undefined;
  const fileId = decodeURIComponent(match[1] ?? '');
  const route = ({ GET: getFile, PATCH: updateFile, DELETE: deleteFile } as Record<string, Route | undefined>)[method];
  return route ? { route, fileId } : undefined;
}

/** A session URI carries its own authority (the upload_id), as on Google's upload servers. */
function needsBearer(request: EmulatorRequest): boolean {
  return !(request.method === 'PUT' && request.path === UPLOADS && request.query.has('upload_id'));
}

/** Starts a Google Drive API v3 emulator (the subset Afterimage uses) on 127.0.0.1. */
export async function startDriveEmulator(options: DriveEmulatorOptions = {}): Promise<DriveEmulator> {
  const context: DriveContext = {
    store: new DriveStore(options.quotaBytes, options.sha256Checksum ?? true),
    sessions: new UploadSessions(),
    tokens: options.tokens ?? new TokenBook(),
    tamper: options.tamper,
    maxFileBytes: options.maxFileBytes ?? 256 * 1024 * 1024,
  };
  const signIn = oauthRoutes({ ...options.oauth, provider: 'google', tokens: context.tokens });
  const handler = (request: EmulatorRequest): EmulatorResponse | Promise<EmulatorResponse> => {
    const oauth = signIn(request);
    if (oauth) return oauth;
    if (needsBearer(request) && !context.tokens.accepts(request.headers['authorization'])) return invalidCredentials();
    if (THUMBNAIL_PATH.test(request.path)) return thumbnailRoute(request, context);
    if (request.path === ABOUT_PATH) return aboutRoute(request, context, options.person ?? DEFAULT_PERSON);
    const found = routeFor(request);
    if (!found) return driveError(404, { reason: 'notFound', message: `Not Found: ${request.method} ${request.path}` });
    return found.route(request, context, found.fileId);
  };
  const emulator = await startEmulator({ name: 'google-drive', handler, errorBody: faultErrorBody, faults: options.faults, port: options.port });
  return Object.assign(emulator, {
    store: context.store,
    sessions: context.sessions,
    tokens: context.tokens,
    oauth: signIn.server,
  });
}
