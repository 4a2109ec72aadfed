import { createHash, randomBytes } from 'node:crypto';
import { grantsRefreshToken, oauthPaths, tokenBody, tokenError, type OAuthProvider } from './oauth-shapes.js';
import type { EmulatorRequest, EmulatorResponse } from './server.js';
import type { TokenBook } from './tokens.js';

export { oauthPaths, type OAuthProvider } from './oauth-shapes.js';

export interface OAuthOptions {
  provider: OAuthProvider;
  /** Where issued access tokens go, so the provider's API emulator accepts them. */
  tokens: TokenBook;
  clientId?: string;
  /** When set, the token endpoint requires it (Google desktop clients send theirs). */
  clientSecret?: string;
  /** Access token lifetime (3600 s when absent). */
  accessTokenLifetimeSeconds?: number;
  /** Each refresh hands out a new refresh token and revokes the old one (Microsoft's habit; on by default there). */
  rotateRefreshTokens?: boolean;
  /** Exact redirect URIs to accept (Dropbox matches port too); any http loopback URI when absent. */
  redirectUris?: string[];
  accountId?: string;
}

interface Grant {
  clientId: string;
  redirectUri: string;
  challenge: string;
  scope: string;
  offline: boolean;
  expiresAt: number;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);
const random = (prefix: string) => `${prefix}-${randomBytes(16).toString('base64url')}`;

/**
 * An emulated authorization server (RFC 6749 §4.1 with PKCE, RFC 7636): the authorize path approves at
 * once (302 to redirect_uri with code and state, RFC 6749 §4.1.2) unless `deny` is set (error=access_denied,
 * §4.1.2.1); the token path redeems a code once, checking client, redirect_uri and the S256 verifier, and
 * refreshes (§6), answering errors as §5.2 JSON.
 */
export class AuthorizationServer {
  readonly clientId: string;
  /** The next authorizations are refused as if the person pressed Cancel. */
  deny = false;
  private readonly codes = new Map<string, Grant>();
  private readonly refreshTokens = new Map<string, Grant>();
  private readonly everConsented = new Set<string>();

  constructor(readonly options: OAuthOptions) {
    this.clientId = options.clientId ?? 'emulator-client';
  }

  get paths(): { authorize: string; token: string } {
    return oauthPaths[this.options.provider];
  }

  /** Revokes one refresh token, or all (the person removed the app's access). */
  revoke(refreshToken?: string): void {
    if (refreshToken) this.refreshTokens.delete(refreshToken);
    else this.refreshTokens.clear();
  }

  /** The refresh tokens that still work. */
  liveRefreshTokens(): string[] {
    return [...this.refreshTokens.keys()];
  }

  /** The answer for an OAuth path; undefined for any other request. */
  handle(request: EmulatorRequest): EmulatorResponse | undefined {
    if (request.path === this.paths.authorize && request.method === 'GET') return this.authorize(request.query);
    if (request.path === this.paths.token && request.method === 'POST') return this.token(request);
    return undefined;
  }

  private redirectOk(uri: string | null): uri is string {
    if (!uri) return false;
    if (this.options.redirectUris) return this.options.redirectUris.includes(uri);
    try {
      const url = new URL(uri);
      return url.protocol === 'http:' && LOOPBACK.has(url.hostname);
    } catch {
      return false;
    }
  }

  private authorize(query: URLSearchParams): EmulatorResponse {
    const redirectUri = query.get('redirect_uri');
    // RFC 6749 §4.1.2.1: a bad client_id or redirect_uri is shown to the person, never redirected.
    if (query.get('client_id') !== this.clientId) return { status: 400, body: 'Error 400: invalid_client — the OAuth client was not found.' };
    if (!this.redirectOk(redirectUri)) return { status: 400, body: 'Error 400: redirect_uri_mismatch' };
    const back = (params: Record<string, string>): EmulatorResponse => {
      const url = new URL(redirectUri);
      for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
      const state = query.get('state');
      if (state !== null) url.searchParams.set('state', state);
      return { status: 302, headers: { location: url.toString() } };
    };
    if (query.get('response_type') !== 'code') return back({ error: 'unsupported_response_type' });
    const challenge = query.get('code_challenge') ?? '';
    if (query.get('code_challenge_method') !== 'S256' || !/^[A-Za-z0-9_-]{43}$/.test(challenge)) {
      return back({ error: 'invalid_request', error_description: 'PKCE with code_challenge_method=S256 is required' });
    }
    if (this.deny) return back({ error: 'access_denied', error_description: 'The user denied the request.' });
    const scope = query.get('scope') ?? '';
    const code = random('code');
    const first = !this.everConsented.has(this.clientId);
    this.everConsented.add(this.clientId);
    const offline = grantsRefreshToken(this.options.provider, query, first);
    this.codes.set(code, { clientId: this.clientId, redirectUri, challenge, scope, offline, expiresAt: Date.now() + 600_000 });
    return back({ code });
  }

  private token(request: EmulatorRequest): EmulatorResponse {
    const provider = this.options.provider;
    const form = new URLSearchParams(request.body.toString('utf8'));
    const basic = /^Basic (\S+)$/i.exec(String(request.headers['authorization'] ?? ''));
    const [basicId, basicSecret] = basic?.[1] ? Buffer.from(basic[1], 'base64').toString('utf8').split(':') : [];
    const clientId = form.get('client_id') ?? basicId;
    const secret = form.get('client_secret') ?? basicSecret;
    if (clientId !== this.clientId) return tokenError(provider, 'invalid_client', 'The OAuth client was not found.');
    if (this.options.clientSecret !== undefined && secret !== this.options.clientSecret) return tokenError(provider, 'invalid_client', 'Unauthorized');
    const grantType = form.get('grant_type');
    if (grantType === 'authorization_code') return this.redeem(form);
    if (grantType === 'refresh_token') return this.refresh(form);
    return tokenError(provider, 'unsupported_grant_type', `Invalid grant_type: ${grantType ?? ''}`);
  }

  private redeem(form: URLSearchParams): EmulatorResponse {
    const provider = this.options.provider;
    const code = form.get('code') ?? '';
    const grant = this.codes.get(code);
    this.codes.delete(code); // one use, even when the attempt fails (RFC 6749 §4.1.2)
    if (!grant || grant.expiresAt < Date.now()) return tokenError(provider, 'invalid_grant', 'Malformed auth code.');
    if (form.get('redirect_uri') !== grant.redirectUri) return tokenError(provider, 'invalid_grant', 'redirect_uri does not match the authorization request.');
    const verifier = form.get('code_verifier') ?? '';
    if (!/^[A-Za-z0-9\-._~]{43,128}$/.test(verifier) || createHash('sha256').update(verifier).digest('base64url') !== grant.challenge) {
      return tokenError(provider, 'invalid_grant', 'The code_verifier does not match the code_challenge supplied in the authorization request.');
    }
    return this.issue(grant, grant.offline ? random('rt') : undefined, false);
  }

  private refresh(form: URLSearchParams): EmulatorResponse {
    const old = form.get('refresh_token') ?? '';
    const grant = this.refreshTokens.get(old);
    if (!grant) return tokenError(this.options.provider, 'invalid_grant', 'Token has been expired or revoked.');
    const rotate = this.options.rotateRefreshTokens ?? this.options.provider === 'microsoft';
    if (!rotate) return this.issue(grant, undefined, true);
    this.refreshTokens.delete(old);
    return this.issue(grant, random('rt'), true);
  }

  private issue(grant: Grant, refreshToken: string | undefined, refreshed: boolean): EmulatorResponse {
    const lifetimeSeconds = this.options.accessTokenLifetimeSeconds ?? 3600;
    if (refreshToken) this.refreshTokens.set(refreshToken, grant);
    const accessToken = this.options.tokens.issue(lifetimeSeconds, 'at');
    return tokenBody(this.options.provider, { accessToken, lifetimeSeconds, refreshToken, scope: grant.scope, refreshed, accountId: this.options.accountId ?? 'dbid:emulator-account' });
  }
}

export type OAuthRoutes = ((request: EmulatorRequest) => EmulatorResponse | undefined) & { readonly server: AuthorizationServer };

/** OAuth paths for a provider emulator to try first: `return oauth(request) ?? apiRoutes(request)`. */
export function oauthRoutes(options: OAuthOptions): OAuthRoutes {
  const server = new AuthorizationServer(options);
  return Object.assign((request: EmulatorRequest) => server.handle(request), { server });
}
