import type { AccountProvider } from '../registry.js';

/**
 * How each provider's OAuth 2.0 authorization server is reached, as documented:
 * - Google, "OAuth 2.0 for Mobile & Desktop Apps" (developers.google.com/identity/protocols/oauth2/native-app):
 *   authorize at accounts.google.com/o/oauth2/v2/auth, token at oauth2.googleapis.com/token; a loopback
 *   redirect http://127.0.0.1:PORT with any port; PKCE S256; `access_type=offline` plus `prompt=consent`
 *   so a refresh token comes back on every sign-in; desktop clients send their (non-confidential) secret.
 * - Dropbox, OAuth guide and "Using OAuth 2.0 with offline access" (dropbox.tech): authorize at
 *   www.dropbox.com/oauth2/authorize, token at api.dropboxapi.com/oauth2/token; PKCE lets a public client
 *   omit the app secret; `token_access_type=offline` for a refresh token. The redirect URI must match a
 *   registered one exactly, port included, so Dropbox listens on a fixed port.
 * - Microsoft identity platform, "OAuth 2.0 authorization code flow" (learn.microsoft.com): the `common`
 *   tenant's /oauth2/v2.0/authorize and /oauth2/v2.0/token; public clients use PKCE without a secret;
 *   `offline_access` yields a refresh token, which is replaced on every use. "Redirect URI restrictions":
 *   http://localhost is allowed and its port is ignored when matching, so any free port works.
 */
export interface ProviderAuth {
  id: AccountProvider;
  /** For people: "Google". */
  title: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  scopes: readonly string[];
  /** Extra authorization-request parameters the provider needs for a refresh token. */
  extraAuthorizeParams: Readonly<Record<string, string>>;
  /** Host of the loopback redirect URI (RFC 8252 §7.3 prefers the IP literal). */
  loopbackHost: '127.0.0.1' | 'localhost';
  /** A fixed port when the provider matches the redirect URI exactly (0: any free port). */
  defaultPort: number;
  /** Send `scope` with a refresh request (Microsoft asks for it). */
  scopeOnRefresh: boolean;
}

const PHOTOS = 'https://www.googleapis.com/auth/photoslibrary';

export const providerAuth: Readonly<Record<AccountProvider, ProviderAuth>> = {
  google: {
    id: 'google',
    title: 'Google',
    authorizationEndpoint: 'https://accounts.google.com/o/oauth2/v2/auth',
    tokenEndpoint: 'https://oauth2.googleapis.com/token',
    scopes: [
      'https://www.googleapis.com/auth/drive.file',
      `${PHOTOS}.appendonly`,
      `${PHOTOS}.readonly.appcreateddata`,
      `${PHOTOS}.edit.appcreateddata`,
    ],
    extraAuthorizeParams: { access_type: 'offline', prompt: 'consent' },
    loopbackHost: '127.0.0.1',
    defaultPort: 0,
    scopeOnRefresh: false,
  },
  dropbox: {
    id: 'dropbox',
    title: 'Dropbox',
    authorizationEndpoint: 'https://www.dropbox.com/oauth2/authorize',
    tokenEndpoint: 'https://api.dropboxapi.com/oauth2/token',
    scopes: ['files.content.write', 'files.content.read', 'files.metadata.read', 'account_info.read'],
    extraAuthorizeParams: { token_access_type: 'offline' },
    loopbackHost: '127.0.0.1',
    defaultPort: 53917,
    scopeOnRefresh: false,
  },
  microsoft: {
    id: 'microsoft',
    title: 'Microsoft',
    authorizationEndpoint: 'https://login.microsoftonline.com/common/oauth2/v2.0/authorize',
    tokenEndpoint: 'https://login.microsoftonline.com/common/oauth2/v2.0/token',
    scopes: ['Files.ReadWrite', 'offline_access', 'User.Read'],
    extraAuthorizeParams: { response_mode: 'query' },
    loopbackHost: 'localhost',
    defaultPort: 0,
    scopeOnRefresh: true,
  },
};

/** Where a test (or a self-hosted proxy) answers instead: an origin, or each endpoint in full. */
export type EndpointOverride = string | { authorization: string; token: string };

/** The provider's endpoints, with an override's origin (paths kept) or its full URLs. */
export function endpointsFor(provider: AccountProvider, override?: EndpointOverride): { authorization: string; token: string } {
  const auth = providerAuth[provider];
  if (override === undefined) return { authorization: auth.authorizationEndpoint, token: auth.tokenEndpoint };
  if (typeof override !== 'string') return override;
  const origin = new URL(override).origin;
  return {
    authorization: origin + new URL(auth.authorizationEndpoint).pathname,
    token: origin + new URL(auth.tokenEndpoint).pathname,
  };
}
