import { FaultPlan } from '../lib/faults.js';
import { oauthRoutes, type AuthorizationServer, type OAuthOptions } from '../lib/oauth.js';
import { type Emulator, type EmulatorRequest, type EmulatorResponse, startEmulator } from '../lib/server.js';
import { TokenBook } from '../lib/tokens.js';
import { delta, restore } from './deleted-items-routes.js';
import { DriveStore, type DriveType } from './drive-store.js';
import { DRIVE_PREFIX, type ItemAddress, parseItemAddress } from './graph-address.js';
import { answering, GraphFailure, graphErrorBody, graphFaultBody, invalidRequest, notFound } from './graph-errors.js';
import { deleteItem, download, downloadRedirect, getDrive, getItem, type ItemRouteOptions, listChildren, putContent } from './item-routes.js';
import { UploadSessions } from './upload-session-routes.js';
import { ME_PATH, me } from './me-route.js';
import { DEFAULT_PERSON, type EmulatedPerson } from '../lib/person.js';

export interface OneDriveEmulatorOptions {
  /** personal (restore and includeDeletedItems work, sha1Hash is reported) or business. personal when absent. */
  driveType?: DriveType;
  /** The drive's quota in bytes (1 GiB when absent); uploads past it get 507 quotaLimitReached. */
  quotaBytes?: number;
  /** Children (and delta changes) per page without $top (200 when absent, as Graph). */
  pageSize?: number;
  tokens?: TokenBook;
  faults?: FaultPlan;
  port?: number;
  /** Its authorization server's settings (client id, token lifetime…); it issues tokens into `tokens`. */
  oauth?: Partial<Omit<OAuthOptions, 'provider' | 'tokens'>>;
  /** Who the account is (/me); Robin Example when absent. */
  person?: EmulatedPerson;
}

export interface OneDriveEmulator {
  readonly url: string;
  readonly emulator: Emulator;
  readonly store: DriveStore;
  readonly tokens: TokenBook;
  readonly uploads: UploadSessions;
  /** Microsoft's OAuth (/common/oauth2/v2.0/authorize and …/token) on the same origin, issuing tokens Graph accepts. */
  readonly oauth: AuthorizationServer;
  close(): Promise<void>;
}

/** Graph answers a missing or expired bearer token with 401 InvalidAuthenticationToken. */
function unauthorized(): EmulatorResponse {
  return { status: 401, headers: { 'www-authenticate': 'Bearer realm=""' }, body: graphErrorBody('InvalidAuthenticationToken', 'Access token is empty or has expired.') };
}

function itemRoute(store: DriveStore, uploads: UploadSessions, request: EmulatorRequest, address: ItemAddress, options: ItemRouteOptions): EmulatorResponse {
  const route = `${request.method} ${address.action ?? 'item'}`;
  switch (route) {
    case 'GET item':
      return getItem(store, request, address);
    case 'GET children':
      return listChildren(store, request, address, options);
    case 'GET content':
      return downloadRedirect(store, request, address);
    case 'GET delta':
      return delta(store, request, address, options.pageSize);
    case 'PUT content':
      return putContent(store, request, address);
    case 'POST createUploadSession':
      return uploads.create(request, address);
    case 'POST restore':
      return restore(store, request, address);
    case 'DELETE item':
      return deleteItem(store, address);
    default:
      throw new GraphFailure(405, 'invalidRequest', `${request.method} is not allowed on ${request.path}.`);
  }
}

/** The Microsoft Graph v1.0 OneDrive subset Afterimage uses, on 127.0.0.1, with the shared fault plan. */
export async function startOneDriveEmulator(options: OneDriveEmulatorOptions = {}): Promise<OneDriveEmulator> {
  const store = new DriveStore(options.driveType ?? 'personal', options.quotaBytes ?? 1024 ** 3);
  const tokens = options.tokens ?? new TokenBook();
  const uploads = new UploadSessions(store);
  const routeOptions: ItemRouteOptions = { pageSize: options.pageSize ?? 200 };
  const signIn = oauthRoutes({ ...options.oauth, provider: 'microsoft', tokens });
  const handler = (request: EmulatorRequest) =>
    signIn(request) ??
    answering(() => {
      const { method, path } = request;
      if (path.startsWith('/upload/')) {
        const id = path.slice('/upload/'.length);
        if (method === 'PUT') return uploads.put(id, request);
        if (method === 'GET') return uploads.get(id);
        if (method === 'DELETE') return uploads.cancel(id);
        throw new GraphFailure(405, 'invalidRequest', `${method} is not allowed on an upload URL.`);
      }
      if (path.startsWith('/download/') && method === 'GET') return download(store, decodeURIComponent(path.slice('/download/'.length)));
      if (!path.startsWith('/v1.0/')) throw notFound(path);
      if (!tokens.accepts(request.headers.authorization)) return unauthorized();
      if (path === DRIVE_PREFIX && method === 'GET') return getDrive(store);
      if (path === ME_PATH && method === 'GET') return me(request, options.person ?? DEFAULT_PERSON);
      const address = parseItemAddress(path);
      if (!address) throw invalidRequest(`Resource not found for the segment in ${path}.`);
      return itemRoute(store, uploads, request, address, routeOptions);
    });
  const emulator = await startEmulator({ name: 'onedrive', handler, errorBody: graphFaultBody, faults: options.faults ?? new FaultPlan(), port: options.port });
  return { url: emulator.url, emulator, store, tokens, uploads, oauth: signIn.server, close: () => emulator.close() };
}
