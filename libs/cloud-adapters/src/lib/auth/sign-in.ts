import { AuthError } from '../errors.js';
import type { AccountProvider } from '../registry.js';
import { startLoopbackReceiver, type Redirect } from './loopback-receiver.js';
import type { OAuthTokens } from './oauth-tokens.js';
import { createPkce, randomState } from './pkce.js';
import { endpointsFor, providerAuth, type EndpointOverride } from './providers.js';
import { requestTokens } from './token-endpoint.js';

export interface SignInOptions {
  provider: AccountProvider;
  clientId: string;
  /** Google desktop clients have one (not confidential, Google's docs say so); PKCE clients of the others do not. */
  clientSecret?: string;
  /** Shows the authorization URL to the person: opens their browser, or prints the link. */
  openBrowser(url: string): void | Promise<void>;
  /** Aborts the sign-in (the caller's own timeout or a Cancel button). */
  signal?: AbortSignal;
  /** How long to wait for the browser to come back (5 minutes when absent). */
  timeoutMs?: number;
  /** An emulator's origin in tests. */
  endpoints?: EndpointOverride;
  /** Loopback port: the provider's default (a fixed one for Dropbox, any free port for the others). */
  port?: number;
  fetch?: typeof fetch;
  now?: () => number;
}

async function answer(redirect: Redirect, title: string): Promise<string> {
  const error = redirect.params.get('error');
  if (error === 'access_denied') {
    await redirect.reply(200, 'Sign-in cancelled', `You declined to let Afterimage use your ${title} account. You can close this tab.`);
    throw new AuthError(`You declined to let Afterimage use your ${title} account; nothing was changed.`);
  }
  const description = redirect.params.get('error_description')?.slice(0, 300);
  if (error) {
    await redirect.reply(400, 'Sign-in failed', `${title} answered: ${error}${description ? ` (${description})` : ''}.`);
    throw new AuthError(`${title} refused the sign-in: ${error}${description ? ` (${description})` : ''}`);
  }
  const code = redirect.params.get('code');
  if (!code || code.length > 4096) {
    await redirect.reply(400, 'Sign-in failed', `${title} sent no authorization code back.`);
    throw new AuthError(`${title} sent no authorization code back; sign in again`);
  }
  return code;
}

/**
 * OAuth 2.0 authorization code grant with PKCE (RFC 7636) and a loopback redirect (RFC 8252): listens
 * on 127.0.0.1, hands the authorization URL to `openBrowser`, waits for the redirect with our `state`,
 * exchanges the code with the verifier and tells the browser it may close the tab.
 */
export async function signIn(options: SignInOptions): Promise<OAuthTokens> {
  const auth = providerAuth[options.provider];
  const endpoints = endpointsFor(options.provider, options.endpoints);
  const pkce = createPkce();
  const state = randomState();
  const timeoutMs = options.timeoutMs ?? 5 * 60_000;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  const port = options.port ?? auth.defaultPort;
  const receiver = await startLoopbackReceiver(auth.loopbackHost, port, state).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'EADDRINUSE') throw error;
    throw new AuthError(`Port ${port} on 127.0.0.1 is in use, and ${auth.title} only sends the sign-in answer there; close the program using it and try again`, { cause: error });
  });
  try {
    const url = new URL(endpoints.authorization);
    const query = {
      client_id: options.clientId,
      response_type: 'code',
      redirect_uri: receiver.redirectUri,
      scope: auth.scopes.join(' '),
      state,
      code_challenge: pkce.challenge,
      code_challenge_method: pkce.method,
      ...auth.extraAuthorizeParams,
    };
    for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
    await options.openBrowser(url.toString());
    const redirect = await receiver.next(signal).catch((error: unknown) => {
      if (timeout.aborted && !options.signal?.aborted) {
        throw new AuthError(`No answer from the browser within ${Math.round(timeoutMs / 1000)} s; sign in to ${auth.title} again`, { cause: error });
      }
      throw error;
    });
    const code = await answer(redirect, auth.title);
    const started = (options.now ?? Date.now)();
    const tokens = await requestTokens({
      provider: auth,
      endpoint: endpoints.token,
      fetch: options.fetch,
      signal,
      form: {
        grant_type: 'authorization_code',
        code,
        redirect_uri: receiver.redirectUri,
        client_id: options.clientId,
        client_secret: options.clientSecret,
        code_verifier: pkce.verifier,
      },
    }).catch(async (error: unknown) => {
      await redirect.reply(502, 'Sign-in failed', `${auth.title} did not accept the sign-in: ${(error as Error).message}`);
      throw error;
    });
    if (!tokens.refreshToken) {
      await redirect.reply(502, 'Sign-in failed', `${auth.title} gave no refresh token, so Afterimage could not keep working later.`);
      throw new AuthError(`${auth.title} gave no refresh token; sign in again (offline access is needed)`);
    }
    await redirect.reply(200, `Signed in to ${auth.title}`, 'You can close this tab and return to Afterimage.');
    return {
      provider: options.provider,
      accessToken: tokens.accessToken,
      refreshToken: tokens.refreshToken,
      expiresAt: started + tokens.expiresIn * 1000,
      scope: tokens.scope ?? [...auth.scopes],
      account: tokens.account,
    };
  } finally {
    receiver.close();
  }
}
