import { FaultPlan } from '../lib/faults.js';
import { oauthRoutes, type AuthorizationServer, type OAuthOptions } from '../lib/oauth.js';
import { startEmulator, type Emulator, type EmulatorRequest, type EmulatorResponse } from '../lib/server.js';
import { TokenBook } from '../lib/tokens.js';
import { UploadSessionRoutes, download, upload } from './dropbox-content-routes.js';
import { badRequest, dropboxErrorBody, invalidToken } from './dropbox-errors.js';
import { ListFolderRoute } from './dropbox-list-folder.js';
import { deleteV2, getMetadata, listRevisions, restore } from './dropbox-rpc-routes.js';
import { UploadSessions } from './dropbox-sessions.js';
import { DropboxStore } from './dropbox-store.js';
import { currentAccount } from './dropbox-account-route.js';
import { DEFAULT_PERSON, type EmulatedPerson } from '../lib/person.js';
import { getThumbnailV2 } from './dropbox-thumbnail.js';

type Args = Record<string, unknown>;
type Route = { style: 'rpc' | 'content'; handle: (args: Args, request: EmulatorRequest) => EmulatorResponse | Promise<EmulatorResponse> };

export interface DropboxEmulatorOptions {
  faults?: FaultPlan;
  tokens?: TokenBook;
  /** Entries per list_folder page when the call gives no `limit` (small, so paging is exercised). */
  pageSize?: number;
  port?: number;
  /** Its authorization server's settings (client id, token lifetime…); it issues tokens into `tokens`. */
  oauth?: Partial<Omit<OAuthOptions, 'provider' | 'tokens'>>;
  /** Who the account is (users/get_current_account); Robin Example when absent. */
  person?: EmulatedPerson;
}

export interface DropboxEmulator extends Emulator {
  readonly store: DropboxStore;
  readonly sessions: UploadSessions;
  readonly tokens: TokenBook;
  /** Dropbox's OAuth (/oauth2/authorize, /oauth2/token) on the same origin, issuing tokens this API accepts. */
  readonly oauth: AuthorizationServer;
}

/**
 * Parses a call's arguments the way Dropbox takes them: RPC endpoints (api.dropboxapi.com) read a JSON
 * body (Content-Type application/json); content endpoints (content.dropboxapi.com) read JSON from the
 * Dropbox-API-Arg header (or the `arg` URL parameter) and take the file's bytes as the body.
 */
function argsOf(route: string, style: Route['style'], request: EmulatorRequest): { args: Args } | { refused: EmulatorResponse } {
  const header = request.headers['dropbox-api-arg'];
  const text = style === 'rpc' ? request.body.toString('utf8') : (Array.isArray(header) ? header[0] : header) ?? request.query.get('arg');
  if (style === 'rpc' && text && !String(request.headers['content-type'] ?? '').startsWith('application/json')) {
    return { refused: badRequest(route, `Bad HTTP "Content-Type" header: "${String(request.headers['content-type'])}". Expecting one of "application/json".`) };
  }
  if (style === 'content' && text === undefined) return { refused: badRequest(route, 'Must provide HTTP header "Dropbox-API-Arg" or URL parameter "arg".') };
  try {
    const parsed: unknown = text ? JSON.parse(text) : null;
    return { args: (parsed && typeof parsed === 'object' ? parsed : {}) as Args };
  } catch {
    return { refused: badRequest(route, 'could not decode input as JSON') };
  }
}

/** The Dropbox API v2 subset Afterimage uses, on 127.0.0.1 (both API hosts share the one origin). */
export async function startDropboxEmulator(options: DropboxEmulatorOptions = {}): Promise<DropboxEmulator> {
  const store = new DropboxStore();
  const sessions = new UploadSessions();
  const tokens = options.tokens ?? new TokenBook();
  const signIn = oauthRoutes({ ...options.oauth, provider: 'dropbox', tokens });
  const listing = new ListFolderRoute(store, options.pageSize);
  const sessionRoutes = new UploadSessionRoutes(store, sessions);
  const routes: Record<string, Route> = {
    '/2/files/get_metadata': { style: 'rpc', handle: (args) => getMetadata(store, args) },
    '/2/files/list_folder': { style: 'rpc', handle: (args) => listing.list(args) },
    '/2/files/list_folder/continue': { style: 'rpc', handle: (args) => listing.continue(args) },
    '/2/files/delete_v2': { style: 'rpc', handle: (args) => deleteV2(store, args) },
    '/2/files/list_revisions': { style: 'rpc', handle: (args) => listRevisions(store, args) },
    '/2/files/restore': { style: 'rpc', handle: (args) => restore(store, args) },
    '/2/files/upload': { style: 'content', handle: (args, request) => upload(store, args, request.body) },
    '/2/files/upload_session/start': { style: 'content', handle: (args, request) => sessionRoutes.start(args, request.body) },
    '/2/files/upload_session/append_v2': { style: 'content', handle: (args, request) => sessionRoutes.append(args, request.body, request) },
    '/2/files/upload_session/finish': { style: 'content', handle: (args, request) => sessionRoutes.finish(args, request.body, request) },
    // The account_id is the one the token endpoint names (lib/oauth.ts: dbid:emulator-account unless set).
    '/2/users/get_current_account': { style: 'rpc', handle: () => currentAccount(options.oauth?.accountId ?? 'dbid:emulator-account', options.person ?? DEFAULT_PERSON) },
    '/2/files/download': { style: 'content', handle: (args, request) => download(store, args, request.headers['range'] as string | undefined) },
    '/2/files/get_thumbnail_v2': { style: 'content', handle: (args) => getThumbnailV2(store, args) },
  };
  const emulator = await startEmulator({
    name: 'dropbox',
    faults: options.faults,
    port: options.port,
    errorBody: dropboxErrorBody,
    handler: (request) => {
      const oauth = signIn(request);
      if (oauth) return oauth;
      const route = routes[request.path];
      const name = request.path.replace(/^\/2\//, '');
      if (!route || request.method !== 'POST') return { status: 404, body: `Unknown API function: "${name}"` };
      if (!request.headers['authorization']) return badRequest(name, 'Must provide HTTP header "Authorization" or URL parameter "authorization".');
      if (!tokens.accepts(request.headers['authorization'])) return invalidToken();
      const parsed = argsOf(name, route.style, request);
      return 'refused' in parsed ? parsed.refused : route.handle(parsed.args, request);
    },
  });
  return Object.assign(emulator, { store, sessions, tokens, oauth: signIn.server });
}
