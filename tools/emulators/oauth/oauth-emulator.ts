import { oauthRoutes, type AuthorizationServer, type OAuthOptions, type OAuthProvider } from '../lib/oauth.js';
import { startEmulator, type Emulator } from '../lib/server.js';
import { TokenBook } from '../lib/tokens.js';

export interface OAuthEmulator extends Emulator {
  readonly oauth: AuthorizationServer;
  readonly tokens: TokenBook;
  /** How many requests reached the token endpoint (from the request log). */
  tokenRequests(): number;
}

/**
 * A provider's authorization server alone, on 127.0.0.1: for sign-in and refresh tests. Other paths
 * answer 404 with the RFC 6749 error shape.
 */
export async function startOAuthEmulator(provider: OAuthProvider, options: Partial<Omit<OAuthOptions, 'provider'>> = {}): Promise<OAuthEmulator> {
  const tokens = options.tokens ?? new TokenBook([]);
  const routes = oauthRoutes({ ...options, provider, tokens });
  const emulator = await startEmulator({
    name: `${provider}-oauth`,
    handler: (request) => routes(request) ?? { status: 404, body: { error: 'not_found', error_description: `no route ${request.method} ${request.path}` } },
  });
  return Object.assign(emulator, {
    oauth: routes.server,
    tokens,
    tokenRequests: () => emulator.log.filter((entry) => entry.path === routes.server.paths.token).length,
  });
}
