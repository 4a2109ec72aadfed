// A small authorization server for agent tests (apps may not import tools/, where the full emulator is).
import { endpointsFor, type AccountProvider } from '@afterimage/cloud-adapters';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TestAuthorizationServer {
  origin: string;
  /** The next authorizations are refused as if the person pressed Cancel. */
  deny: boolean;
  /** Forms received at the token endpoint. */
  readonly forms: URLSearchParams[];
  /** Refresh tokens that still work; clear it to revoke every sign-in. */
  readonly live: Set<string>;
  close(): Promise<void>;
}

/** Who the test account is: its provider's "about me" call answers with these. */
export const TEST_PERSON = { name: 'Test Person', email: 'test.person@example.com' };

/** Each provider's "about me" call (method and path) and its answer's shape, for TEST_PERSON. */
const PROFILE: Record<AccountProvider, { method: string; path: string; body: () => object }> = {
  google: { method: 'GET', path: '/drive/v3/about', body: () => ({ user: { kind: 'drive#user', displayName: TEST_PERSON.name, me: true, emailAddress: TEST_PERSON.email } }) },
  dropbox: { method: 'POST', path: '/2/users/get_current_account', body: () => ({ account_id: 'dbid:test-account', name: { display_name: TEST_PERSON.name }, email: TEST_PERSON.email }) },
  microsoft: { method: 'GET', path: '/v1.0/me', body: () => ({ displayName: TEST_PERSON.name, mail: TEST_PERSON.email, userPrincipalName: TEST_PERSON.email }) },
};

/**
 * At the provider's real paths: GET authorize approves at once (302 to redirect_uri with code and
 * state) or answers error=access_denied; POST token redeems any code for tokens naming `accountId`
 * (Dropbox's account_id), and refreshes a live refresh token, else invalid_grant (RFC 6749 §5.2).
 * The provider's "about me" call answers TEST_PERSON for a token it issued (401 for any other).
 */
export async function startTestAuthorizationServer(provider: AccountProvider, accountId = 'dbid:test-account'): Promise<TestAuthorizationServer> {
  const paths = endpointsFor(provider, 'http://paths.invalid');
  const authorizePath = new URL(paths.authorization).pathname;
  const tokenPath = new URL(paths.token).pathname;
  let issued = 0;
  const state = { deny: false, forms: [] as URLSearchParams[], live: new Set<string>() };
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (req.method === 'GET' && url.pathname === authorizePath) {
      const back = new URL(url.searchParams.get('redirect_uri') ?? 'http://127.0.0.1:1/');
      if (state.deny) back.searchParams.set('error', 'access_denied');
      else back.searchParams.set('code', `code-${++issued}`);
      back.searchParams.set('state', url.searchParams.get('state') ?? '');
      res.writeHead(302, { location: back.toString() }).end();
      return;
    }
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const profile = PROFILE[provider];
      if (req.method === profile.method && url.pathname === profile.path) {
        const issuedHere = /^Bearer at-\d+$/.test(req.headers.authorization ?? '');
        res.writeHead(issuedHere ? 200 : 401, { 'content-type': 'application/json' }).end(JSON.stringify(issuedHere ? profile.body() : { error: 'invalid_token' }));
        return;
      }
      const form = new URLSearchParams(body);
      state.forms.push(form);
      res.setHeader('content-type', 'application/json');
      const grant = form.get('grant_type');
      if (req.method !== 'POST' || url.pathname !== tokenPath || (grant === 'refresh_token' && !state.live.has(form.get('refresh_token') ?? ''))) {
        res.statusCode = 400;
        res.end(JSON.stringify({ error: 'invalid_grant', error_description: 'refresh token is invalid or revoked' }));
        return;
      }
      const refresh = grant === 'authorization_code' ? `rt-${++issued}` : undefined;
      if (refresh) state.live.add(refresh);
      res.end(JSON.stringify({ access_token: `at-${++issued}`, token_type: 'bearer', expires_in: 3600, ...(refresh ? { refresh_token: refresh, account_id: accountId } : {}) }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return Object.assign(state, {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}

/** Plays the browser: opens the authorization URL without following, then follows the 302 itself. */
export async function visit(authorizationUrl: string): Promise<{ location: URL; status: number; page: string }> {
  const approval = await fetch(authorizationUrl, { redirect: 'manual' });
  const header = approval.headers.get('location');
  if (approval.status !== 302 || !header) throw new Error(`the authorization server answered ${approval.status}`);
  const location = new URL(header);
  const back = await fetch(location);
  return { location, status: back.status, page: await back.text() };
}
