import { randomUUID } from 'node:crypto';
import type { EmulatorResponse } from './server.js';

export type OAuthProvider = 'google' | 'dropbox' | 'microsoft';

/**
 * The real paths of each provider's authorization server (the origin is the emulator's):
 * Google accounts.google.com/o/oauth2/v2/auth and oauth2.googleapis.com/token (OAuth 2.0 for Mobile &
 * Desktop Apps); Dropbox www.dropbox.com/oauth2/authorize and api.dropboxapi.com/oauth2/token (OAuth
 * guide); Microsoft login.microsoftonline.com/common/oauth2/v2.0/authorize and …/token (auth code flow).
 */
export const oauthPaths: Readonly<Record<OAuthProvider, { authorize: string; token: string }>> = {
  google: { authorize: '/o/oauth2/v2/auth', token: '/token' },
  dropbox: { authorize: '/oauth2/authorize', token: '/oauth2/token' },
  microsoft: { authorize: '/common/oauth2/v2.0/authorize', token: '/common/oauth2/v2.0/token' },
};

/**
 * Whether a code comes with a refresh token, by each provider's documented switch: Dropbox
 * `token_access_type=offline`; Microsoft the `offline_access` scope; Google `access_type=offline`, on the
 * first consent only unless `prompt=consent` asks again.
 */
export function grantsRefreshToken(provider: OAuthProvider, query: URLSearchParams, firstConsent: boolean): boolean {
  if (provider === 'dropbox') return query.get('token_access_type') === 'offline';
  if (provider === 'microsoft') return (query.get('scope') ?? '').split(' ').includes('offline_access');
  if (query.get('access_type') !== 'offline') return false;
  return firstConsent || (query.get('prompt') ?? '').split(' ').includes('consent');
}

export interface IssuedTokens {
  accessToken: string;
  lifetimeSeconds: number;
  refreshToken?: string;
  scope: string;
  /** A refresh grant: Google and Dropbox then answer without account details. */
  refreshed: boolean;
  accountId: string;
}

const noStore = { 'cache-control': 'no-store', pragma: 'no-cache' };

/** RFC 6749 §5.1 success bodies, as each provider documents its token response. */
export function tokenBody(provider: OAuthProvider, issued: IssuedTokens): EmulatorResponse {
  const common = { access_token: issued.accessToken, expires_in: issued.lifetimeSeconds };
  const refresh = issued.refreshToken ? { refresh_token: issued.refreshToken } : {};
  if (provider === 'google') return { status: 200, headers: noStore, body: { ...common, ...refresh, scope: issued.scope, token_type: 'Bearer' } };
  if (provider === 'dropbox') {
    // Dropbox's refresh answer carries only access_token, token_type and expires_in.
    const account = issued.refreshed ? {} : { scope: issued.scope, account_id: issued.accountId, uid: '12345' };
    return { status: 200, headers: noStore, body: { ...common, token_type: 'bearer', ...refresh, ...account } };
  }
  return { status: 200, headers: noStore, body: { token_type: 'Bearer', scope: issued.scope, ...common, ext_expires_in: issued.lifetimeSeconds, ...refresh } };
}

/** Microsoft puts an AADSTS code first in error_description and adds error_codes, trace and correlation ids. */
const AADSTS: Record<string, number> = { invalid_grant: 70000, invalid_client: 7000215, invalid_request: 900144, unsupported_grant_type: 70003 };

/** RFC 6749 §5.2 error bodies: 400, or 401 for invalid_client. */
export function tokenError(provider: OAuthProvider, error: string, description: string): EmulatorResponse {
  const status = error === 'invalid_client' ? 401 : 400;
  if (provider !== 'microsoft') return { status, headers: noStore, body: { error, error_description: description } };
  const code = AADSTS[error] ?? 90014;
  return {
    status,
    headers: noStore,
    body: {
      error,
      error_description: `AADSTS${code}: ${description} Trace ID: ${randomUUID()} Correlation ID: ${randomUUID()} Timestamp: ${new Date().toISOString()}`,
      error_codes: [code],
      timestamp: new Date().toISOString(),
      trace_id: randomUUID(),
      correlation_id: randomUUID(),
    },
  };
}
