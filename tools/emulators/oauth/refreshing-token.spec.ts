import { AuthError, RefreshingTokenSource, TransientError, type OAuthTokens } from '@afterimage/cloud-adapters';
import { afterEach, describe, expect, it } from 'vitest';
import type { OAuthProvider } from '../lib/oauth.js';
import { startOAuthEmulator, type OAuthEmulator } from './oauth-emulator.js';
import { signInThroughBrowser } from './test-browser.js';

const open: OAuthEmulator[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((emulator) => emulator.close()));
});

/** A signed-in account against an emulator, and a token source over it with a clock the test moves. */
async function signedIn(provider: OAuthProvider, options: { rotate?: boolean; save?: (tokens: OAuthTokens) => void } = {}) {
  const server = await startOAuthEmulator(provider, { clientSecret: provider === 'google' ? 'desktop-secret' : undefined, rotateRefreshTokens: options.rotate });
  open.push(server);
  const { tokens } = await signInThroughBrowser(server, { provider });
  if (tokens.status === 'rejected') throw tokens.reason;
  const saved: OAuthTokens[] = [];
  const clock = { now: Date.now() };
  const source = new RefreshingTokenSource({
    tokens: tokens.value,
    clientId: server.oauth.clientId,
    clientSecret: server.oauth.options.clientSecret,
    endpoints: server.url,
    now: () => clock.now,
    save: options.save ?? ((t) => void saved.push(t)),
  });
  return { server, first: tokens.value, source, saved, clock };
}

describe('RefreshingTokenSource against the emulated authorization servers', () => {
  it('hands out the signed-in token until shortly before it expires, then refreshes it', async () => {
    const { server, first, source, saved, clock } = await signedIn('google');
    expect(await source.token()).toBe(first.accessToken);
    clock.now = first.expiresAt - 61_000;
    expect(await source.token()).toBe(first.accessToken);
    expect(server.tokenRequests()).toBe(1);
    clock.now = first.expiresAt - 59_000;
    const fresh = await source.token();
    expect(fresh).not.toBe(first.accessToken);
    expect(server.tokens.accepts(`Bearer ${fresh}`)).toBe(true);
    expect(server.tokenRequests()).toBe(2);
    // Google keeps its refresh token; the saved tokens say when the new one expires.
    expect(saved).toHaveLength(1);
    expect(saved[0]).toMatchObject({ accessToken: fresh, refreshToken: first.refreshToken, expiresAt: clock.now + 3600_000 });
    expect(await source.token()).toBe(fresh);
    expect(server.tokenRequests()).toBe(2);
  });

  it('refreshes after an adapter reports the token refused, but not for an older token', async () => {
    const { server, first, source } = await signedIn('dropbox');
    source.refused('some-older-token');
    expect(await source.token()).toBe(first.accessToken);
    server.tokens.expire(first.accessToken);
    source.refused(first.accessToken);
    const fresh = await source.token();
    expect(fresh).not.toBe(first.accessToken);
    expect(server.tokens.accepts(`Bearer ${fresh}`)).toBe(true);
    expect(server.tokenRequests()).toBe(2);
  });

  for (const provider of ['microsoft', 'dropbox'] as const) {
    it(`${provider}: keeps and saves a rotated refresh token, which the next refresh needs`, async () => {
      const { server, first, source, saved } = await signedIn(provider, { rotate: true });
      source.refused(first.accessToken);
      await source.token();
      const rotated = saved.at(-1)!.refreshToken;
      expect(rotated).not.toBe(first.refreshToken);
      expect(server.oauth.liveRefreshTokens()).toEqual([rotated]);
      source.refused(saved.at(-1)!.accessToken);
      await source.token();
      expect(saved).toHaveLength(2);
      expect(saved[1]!.refreshToken).not.toBe(rotated);
      expect(server.tokenRequests()).toBe(3);
    });
  }

  it('turns a revoked refresh token into AuthError "Sign in to Google again"', async () => {
    const { server, first, source, clock } = await signedIn('google');
    server.oauth.revoke();
    clock.now = first.expiresAt;
    const error = await source.token().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect((error as Error).message).toMatch(/^Sign in to Google again/);
    expect(String((error as Error).cause)).toMatch(/invalid_grant/);
  });

  it('shares one refresh between concurrent callers', async () => {
    const { server, first, source, clock } = await signedIn('microsoft');
    clock.now = first.expiresAt + 1;
    const tokens = await Promise.all(Array.from({ length: 12 }, () => source.token()));
    expect(new Set(tokens).size).toBe(1);
    expect(tokens[0]).not.toBe(first.accessToken);
    expect(server.tokenRequests()).toBe(2);
  });

  it('reports a server error as TransientError and succeeds on the next call', async () => {
    const { server, first, source, clock } = await signedIn('dropbox');
    server.faults.add({ kind: 'server-error', path: server.oauth.paths.token, status: 503 });
    clock.now = first.expiresAt;
    await expect(source.token()).rejects.toBeInstanceOf(TransientError);
    expect(await source.token()).not.toBe(first.accessToken);
    expect(server.tokenRequests()).toBe(3);
  });

  it('saves again on the next call when saving failed, without refreshing twice', async () => {
    let fail = true;
    const kept: OAuthTokens[] = [];
    const { server, first, source, clock } = await signedIn('microsoft', {
      save: (tokens) => {
        if (fail) throw new Error('disk full');
        kept.push(tokens);
      },
    });
    clock.now = first.expiresAt;
    await expect(source.token()).rejects.toThrow('disk full');
    fail = false;
    const fresh = await source.token();
    expect(kept.map((t) => t.accessToken)).toEqual([fresh]);
    expect(kept[0]!.refreshToken).not.toBe(first.refreshToken);
    expect(server.tokenRequests()).toBe(2);
  });
});
