import { AuthError, endpointsFor, providerAuth, signIn } from '@afterimage/cloud-adapters';
import { afterEach, describe, expect, it } from 'vitest';
import { oauthPaths, type OAuthProvider } from '../lib/oauth.js';
import { startOAuthEmulator, type OAuthEmulator } from './oauth-emulator.js';
import { signInThroughBrowser, visit } from './test-browser.js';

const open: OAuthEmulator[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((emulator) => emulator.close()));
});

async function emulator(provider: OAuthProvider, secret?: string): Promise<OAuthEmulator> {
  const started = await startOAuthEmulator(provider, { clientId: `${provider}-client`, clientSecret: secret });
  open.push(started);
  return started;
}

describe('sign-in (authorization code + PKCE + loopback redirect)', () => {
  for (const provider of ['google', 'dropbox', 'microsoft'] as const) {
    it(`${provider}: the emulator answers at the provider's real paths`, () => {
      const real = endpointsFor(provider);
      expect(oauthPaths[provider]).toEqual({ authorize: new URL(real.authorization).pathname, token: new URL(real.token).pathname });
    });

    it(`${provider}: signs in over real HTTP and gets tokens the API accepts`, async () => {
      const server = await emulator(provider, provider === 'google' ? 'desktop-secret' : undefined);
      const { tokens, browser } = await signInThroughBrowser(server, { provider });
      if (tokens.status === 'rejected') throw tokens.reason;
      const signedIn = tokens.value;
      expect(server.tokens.accepts(`Bearer ${signedIn.accessToken}`)).toBe(true);
      expect(signedIn.refreshToken).toMatch(/^rt-/);
      expect(signedIn.expiresAt).toBeGreaterThan(Date.now() + 3000_000);
      expect(signedIn.scope).toEqual(providerAuth[provider].scopes);
      expect(browser.status).toBe(200);
      expect(browser.page).toContain('You can close this tab');
      const query = browser.authorizationUrl.searchParams;
      expect(query.get('code_challenge_method')).toBe('S256');
      expect(query.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(browser.location.hostname).toBe(providerAuth[provider].loopbackHost);
      expect(server.tokenRequests()).toBe(1);
      if (provider === 'dropbox') expect(signedIn.account).toBe('dbid:emulator-account');
    });
  }

  it('google: asks for offline access with consent, without which no refresh token comes back', async () => {
    const server = await emulator('google', 'desktop-secret');
    const { tokens, browser } = await signInThroughBrowser(server, { provider: 'google' });
    expect(tokens.status).toBe('fulfilled');
    expect(browser.authorizationUrl.searchParams.get('access_type')).toBe('offline');
    expect(browser.authorizationUrl.searchParams.get('prompt')).toBe('consent');
    // A second sign-in without prompt=consent gets no refresh token (Google's documented behaviour).
    const again = await signInThroughBrowser(server, { provider: 'google' }, (url) => {
      const bare = new URL(url);
      bare.searchParams.delete('prompt');
      return visit(bare.toString());
    });
    expect(again.tokens.status).toBe('rejected');
    expect((again.tokens as PromiseRejectedResult).reason).toBeInstanceOf(AuthError);
    expect(String((again.tokens as PromiseRejectedResult).reason)).toMatch(/no refresh token/);
  });

  it('ignores a redirect with the wrong state and still completes with the right one', async () => {
    const server = await emulator('dropbox');
    let forged: { status: number; page: string } | undefined;
    const { tokens, browser } = await signInThroughBrowser(server, { provider: 'dropbox' }, async (url) => {
      return visit(url, async (location) => {
        const wrong = new URL(location);
        wrong.searchParams.set('state', 'forged-state');
        const answer = await fetch(wrong);
        forged = { status: answer.status, page: await answer.text() };
      });
    });
    expect(forged?.status).toBe(400);
    expect(forged?.page).toContain('does not belong to the sign-in in progress');
    expect(tokens.status).toBe('fulfilled');
    expect(browser.status).toBe(200);
    expect(server.tokenRequests()).toBe(1);
  });

  it('reports declined consent as AuthError and exchanges nothing', async () => {
    const server = await emulator('microsoft');
    server.oauth.deny = true;
    const { tokens, browser } = await signInThroughBrowser(server, { provider: 'microsoft' });
    expect(tokens.status).toBe('rejected');
    const reason = (tokens as PromiseRejectedResult).reason as Error;
    expect(reason).toBeInstanceOf(AuthError);
    expect(reason.message).toMatch(/^You declined to let Afterimage use your Microsoft account/);
    expect(browser.page).toContain('Sign-in cancelled');
    expect(server.tokenRequests()).toBe(0);
  });

  it('says so on the page and throws AuthError when the client secret is refused', async () => {
    const server = await emulator('google', 'desktop-secret');
    const { tokens, browser } = await signInThroughBrowser(server, { provider: 'google', clientSecret: 'wrong' });
    expect((tokens as PromiseRejectedResult).reason).toBeInstanceOf(AuthError);
    expect(String((tokens as PromiseRejectedResult).reason)).toMatch(/refused this app's client id/);
    expect(browser.status).toBe(502);
    expect(browser.page).toContain('Sign-in failed');
  });

  it('says which port is taken when a fixed loopback port is in use', async () => {
    const server = await emulator('dropbox');
    const base = { provider: 'dropbox' as const, clientId: server.oauth.clientId, endpoints: server.url, openBrowser: () => undefined };
    await expect(signIn({ ...base, port: server.port })).rejects.toThrow(new RegExp(`^Port ${server.port} on 127.0.0.1 is in use`));
  });

  it('gives up when the browser never comes back, and on abort', async () => {
    const server = await emulator('dropbox');
    const base = { provider: 'dropbox' as const, clientId: server.oauth.clientId, endpoints: server.url, port: 0, openBrowser: () => undefined };
    await expect(signIn({ ...base, timeoutMs: 50 })).rejects.toThrow(/No answer from the browser/);
    const controller = new AbortController();
    const pending = signIn({ ...base, signal: controller.signal });
    controller.abort(new Error('cancelled by the person'));
    await expect(pending).rejects.toThrow('cancelled by the person');
  });
});
