import { AuthError } from '@afterimage/cloud-adapters';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AccountStore } from './account-store.js';
import { Accounts } from './accounts.js';
import { configuredClients } from './client-settings.js';

/**
 * A Microsoft-shaped authorization server: GET …/authorize approves at once; POST …/token redeems any
 * code for rt-0 and rotates refresh tokens on every use, as the identity platform does. Enough to see
 * the agent keep what it is handed (the full emulator lives in tools/, which apps may not import).
 */
function tokenServer(): Promise<{ origin: string; forms: URLSearchParams[]; close(): Promise<void> }> {
  const forms: URLSearchParams[] = [];
  let live = 'rt-0';
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (req.method === 'GET' && url.pathname === '/common/oauth2/v2.0/authorize') {
      const back = new URL(url.searchParams.get('redirect_uri')!);
      back.searchParams.set('code', 'code-1');
      back.searchParams.set('state', url.searchParams.get('state')!);
      res.writeHead(302, { location: back.toString() }).end();
      return;
    }
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const form = new URLSearchParams(body);
      forms.push(form);
      res.setHeader('content-type', 'application/json');
      if (form.get('grant_type') === 'authorization_code') {
        res.end(JSON.stringify({ token_type: 'Bearer', scope: 'Files.ReadWrite offline_access User.Read', expires_in: 3600, access_token: 'at-0', refresh_token: live }));
        return;
      }
      if (req.url !== '/common/oauth2/v2.0/token' || form.get('refresh_token') !== live) {
        res.statusCode = 400;
        res.end(JSON.stringify({ error: 'invalid_grant', error_description: 'AADSTS70000: The provided grant is invalid.' }));
        return;
      }
      live = `rt-${forms.length}`;
      res.end(JSON.stringify({ token_type: 'Bearer', scope: form.get('scope'), expires_in: 3600, access_token: `at-${forms.length}`, refresh_token: live }));
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, forms, close: () => new Promise((done) => server.close(() => done())) }),
    ),
  );
}

let home: string;
let endpoint: Awaited<ReturnType<typeof tokenServer>>;
beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'afterimage-accounts-'));
  endpoint = await tokenServer();
});
afterEach(async () => {
  await endpoint.close();
  await rm(home, { recursive: true, force: true });
});

function accounts(store: AccountStore): Accounts {
  return new Accounts({ store, client: configuredClients(home, { AFTERIMAGE_MICROSOFT_CLIENT_ID: 'ms-client' }), endpoints: { microsoft: endpoint.origin } });
}

describe('Accounts', () => {
  it('signs in through the browser and keeps the account, tokens hidden from the list', async () => {
    const store = new AccountStore(home);
    const registry = accounts(store);
    let page: Promise<string> | undefined;
    const summary = await registry.signIn({
      provider: 'microsoft',
      label: 'Work OneDrive',
      port: 0,
      openBrowser: (url) => {
        page = fetch(url).then((answer) => answer.text());
      },
    });
    expect(await page).toContain('You can close this tab');
    expect(summary).toMatchObject({ provider: 'microsoft', label: 'Work OneDrive', scope: ['Files.ReadWrite', 'offline_access', 'User.Read'] });
    expect(await registry.list()).toEqual([summary]);
    expect((await store.get(summary.id))?.tokens).toMatchObject({ accessToken: 'at-0', refreshToken: 'rt-0' });
    expect(endpoint.forms[0]?.get('code_verifier')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await registry.remove(summary.id)).toBe(true);
    await expect(registry.tokenSourceFor(summary.id)).rejects.toBeInstanceOf(AuthError);
  });

  it('refreshes an expired token and writes the rotated refresh token back to accounts.json (0600)', async () => {
    const store = new AccountStore(home);
    const expired = { provider: 'microsoft' as const, accessToken: 'at-old', refreshToken: 'rt-0', expiresAt: Date.now() - 1000, scope: ['Files.ReadWrite', 'offline_access', 'User.Read'] };
    await store.save({ id: 'ms-1', provider: 'microsoft', addedAt: new Date().toISOString(), tokens: expired });
    const source = await accounts(store).tokenSourceFor('ms-1');
    expect(await source.token()).toBe('at-1');
    expect(endpoint.forms[0]?.get('client_id')).toBe('ms-client');
    expect(endpoint.forms[0]?.get('scope')).toBe('Files.ReadWrite offline_access User.Read');
    expect((await store.get('ms-1'))?.tokens).toMatchObject({ accessToken: 'at-1', refreshToken: 'rt-1' });
    expect((await stat(store.file)).mode & 0o777).toBe(0o600);
    // A later agent run starts from the saved, rotated token.
    const again = await accounts(store).tokenSourceFor('ms-1');
    again.refused('at-1');
    expect(await again.token()).toBe('at-2');
    expect((await store.get('ms-1'))?.tokens.refreshToken).toBe('rt-2');
  });

  it('gives one shared source per account and AuthError for an unknown one', async () => {
    const store = new AccountStore(home);
    await store.save({ id: 'ms-1', provider: 'microsoft', addedAt: '2025-01-01T00:00:00.000Z', tokens: { provider: 'microsoft', accessToken: 'a', refreshToken: 'r', expiresAt: Date.now() + 3600_000, scope: [] } });
    const registry = accounts(store);
    expect(await registry.tokenSourceFor('ms-1')).toBe(await registry.tokenSourceFor('ms-1'));
    await expect(registry.tokenSourceFor('nobody')).rejects.toBeInstanceOf(AuthError);
  });

  it('reads client ids from config.json and names the variable when none is set', async () => {
    await writeFile(join(home, 'config.json'), JSON.stringify({ oauthClients: { dropbox: { clientId: 'db-from-file' } } }));
    const clients = configuredClients(home, {});
    expect(await clients('dropbox')).toEqual({ clientId: 'db-from-file' });
    await expect(clients('microsoft')).rejects.toThrow(/AFTERIMAGE_MICROSOFT_CLIENT_ID/);
    await writeFile(join(home, 'config.json'), '{ not json');
    await expect(clients('dropbox')).rejects.toThrow(/config\.json is not valid JSON/);
  });
});
