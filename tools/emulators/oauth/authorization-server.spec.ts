import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { startOAuthEmulator, type OAuthEmulator } from './oauth-emulator.js';

const open: OAuthEmulator[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((emulator) => emulator.close()));
});

const verifier = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
const challenge = createHash('sha256').update(verifier).digest('base64url');
const redirectUri = 'http://127.0.0.1:1/';

async function code(server: OAuthEmulator): Promise<string> {
  const url = new URL(server.oauth.paths.authorize, server.url);
  const query = { client_id: server.oauth.clientId, response_type: 'code', redirect_uri: redirectUri, state: 's', code_challenge: challenge, code_challenge_method: 'S256', scope: 'Files.ReadWrite offline_access' };
  for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
  const answer = await fetch(url, { redirect: 'manual' });
  expect(answer.status).toBe(302);
  const location = new URL(answer.headers.get('location')!);
  expect(location.searchParams.get('state')).toBe('s');
  return location.searchParams.get('code')!;
}

function redeem(server: OAuthEmulator, form: Record<string, string>): Promise<Response> {
  return fetch(new URL(server.oauth.paths.token, server.url), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', client_id: server.oauth.clientId, redirect_uri: redirectUri, ...form }),
  });
}

describe('emulated authorization server', () => {
  it('checks the PKCE verifier and lets a code be used once', async () => {
    const server = await startOAuthEmulator('microsoft');
    open.push(server);
    const first = await code(server);
    const wrong = await redeem(server, { code: first, code_verifier: 'x'.repeat(43) });
    expect(wrong.status).toBe(400);
    const body = (await wrong.json()) as { error: string; error_description: string; error_codes: number[] };
    expect(body.error).toBe('invalid_grant');
    expect(body.error_description).toMatch(/^AADSTS\d+: /);
    // The failed attempt used the code up.
    expect((await redeem(server, { code: first, code_verifier: verifier })).status).toBe(400);
    const second = await code(server);
    const ok = await redeem(server, { code: second, code_verifier: verifier });
    expect(ok.status).toBe(200);
    const tokens = (await ok.json()) as { access_token: string; refresh_token: string; token_type: string };
    expect(tokens.token_type).toBe('Bearer');
    expect(server.tokens.accepts(`Bearer ${tokens.access_token}`)).toBe(true);
    expect(server.oauth.liveRefreshTokens()).toEqual([tokens.refresh_token]);
    expect((await redeem(server, { code: second, code_verifier: verifier })).status).toBe(400);
  });

  it('refuses a redirect_uri other than the authorized one, an unknown client and an unknown grant', async () => {
    const server = await startOAuthEmulator('dropbox', { clientSecret: 'app-secret' });
    open.push(server);
    const granted = await code(server);
    const moved = await redeem(server, { code: granted, code_verifier: verifier, client_secret: 'app-secret', redirect_uri: 'http://127.0.0.1:2/' });
    expect(await moved.json()).toEqual({ error: 'invalid_grant', error_description: 'redirect_uri does not match the authorization request.' });
    const stranger = await redeem(server, { code: 'c', code_verifier: verifier, client_id: 'other' });
    expect(stranger.status).toBe(401);
    expect(((await stranger.json()) as { error: string }).error).toBe('invalid_client');
    const grant = await redeem(server, { grant_type: 'password', client_secret: 'app-secret' });
    expect(((await grant.json()) as { error: string }).error).toBe('unsupported_grant_type');
    const page = await fetch(`${server.url}/oauth2/authorize?client_id=${server.oauth.clientId}&redirect_uri=https://evil.example/`, { redirect: 'manual' });
    expect(page.status).toBe(400);
  });
});
