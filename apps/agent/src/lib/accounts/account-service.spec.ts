import { AuthError } from '@afterimage/cloud-adapters';
import type { BackupTargetConfig, SignInStatus } from '@afterimage/contracts';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestAuthorizationServer, TEST_PERSON, visit, type TestAuthorizationServer } from '../../testing/authorization-server.js';
import { AccountService } from './account-service.js';
import { AccountStore } from './account-store.js';
import { Accounts } from './accounts.js';
import { configuredClients } from './client-settings.js';
import { profileFetcher } from './profile-fetcher.js';
import { SignInHealth } from './sign-in-health.js';

let home: string;
let dropbox: TestAuthorizationServer;
beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'account-service-'));
  dropbox = await startTestAuthorizationServer('dropbox');
});
afterEach(async () => {
  await dropbox.close();
  await rm(home, { recursive: true, force: true });
});

function setUp(env: Record<string, string> = { AFTERIMAGE_DROPBOX_CLIENT_ID: 'db-client' }) {
  const store = new AccountStore(home);
  const clients = configuredClients(home, env);
  // As the agent does: who the account is comes from the origin serving the sign-in (the test server answers Dropbox's call).
  const accounts = new Accounts({ store, client: clients, endpoints: { dropbox: dropbox.origin }, profile: profileFetcher({}, { dropbox: dropbox.origin }) });
  const health = new SignInHealth(accounts);
  const service = new AccountService({ accounts, clients, configFile: join(home, 'config.json'), health, ports: { dropbox: 0 } });
  return { store, health, service };
}

/** Asks for the status until the sign-in is no longer waiting (the browser answer is handled meanwhile). */
async function settled(service: AccountService, signInId: string): Promise<SignInStatus> {
  for (;;) {
    const status = await service.signInStatus(signInId);
    if (status.state !== 'waiting') return status;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

const target = (id: string, account: string): BackupTargetConfig => ({ id, kind: 'dropbox', title: 'Dropbox', root: 'Afterimage', offsite: true, account, medium: 'cloud', addedAt: '2025-01-01T00:00:00.000Z' });

describe('AccountService', () => {
  it('lists the providers, configured or not, naming what to set and where', async () => {
    const providers = await setUp().service.providers();
    expect(providers.map((p) => [p.provider, p.configured])).toEqual([['google', false], ['dropbox', true], ['microsoft', false]]);
    expect(providers[0]).toMatchObject({ title: 'Google', kinds: ['google-drive', 'google-photos'], missing: expect.stringContaining('AFTERIMAGE_GOOGLE_CLIENT_ID') });
    expect(providers[0]?.missing).toContain(join(home, 'config.json'));
    expect(providers[1]).toEqual({ provider: 'dropbox', title: 'Dropbox', configured: true, kinds: ['dropbox'] });
    expect(providers[2]?.kinds).toEqual(['onedrive']);
  });

  it('hands back the authorization URL at once, and saves the account when the browser comes back', async () => {
    const { service, store } = setUp();
    const started = await service.startSignIn('dropbox');
    const address = new URL(started.authorizationUrl);
    expect(`${address.origin}${address.pathname}`).toBe(`${dropbox.origin}/oauth2/authorize`);
    expect(address.searchParams.get('client_id')).toBe('db-client');
    expect(await service.signInStatus(started.signInId)).toEqual({ state: 'waiting' });
    expect(dropbox.forms).toHaveLength(0);

    const browser = await visit(started.authorizationUrl);
    expect(browser.location.hostname).toBe('127.0.0.1');
    expect(browser.page).toContain('You can close this tab');
    const status = await settled(service, started.signInId);
    expect(status).toEqual({ state: 'done', accountId: expect.stringMatching(/^dropbox-[0-9a-f]{12}$/) });
    expect(await service.list()).toEqual([
      { id: status.accountId, provider: 'dropbox', name: TEST_PERSON.name, email: TEST_PERSON.email, title: `${TEST_PERSON.name} (${TEST_PERSON.email})`, addedAt: expect.any(String), needsSignIn: false },
    ]);
    expect((await store.get(status.accountId as string))?.tokens.refreshToken).toMatch(/^rt-/);
    expect((await stat(store.file)).mode & 0o777).toBe(0o600);
    expect(dropbox.forms[0]?.get('code_verifier')).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('reports a declined sign-in in plain words, and saves nothing', async () => {
    const { service } = setUp();
    dropbox.deny = true;
    const started = await service.startSignIn('dropbox');
    expect((await visit(started.authorizationUrl)).page).toContain('Sign-in cancelled');
    expect(await settled(service, started.signInId)).toEqual({ state: 'failed', error: 'You declined to let Afterimage use your Dropbox account; nothing was changed.' });
    expect(await service.list()).toEqual([]);
  });

  it('cancels a waiting sign-in (its listener closes), and a new one for the same provider cancels the older', async () => {
    const { service } = setUp();
    const first = await service.startSignIn('dropbox');
    const second = await service.startSignIn('dropbox');
    expect(await service.signInStatus(first.signInId)).toEqual({ state: 'cancelled', error: 'Another sign-in to Dropbox started, so this one was cancelled.' });
    expect(await service.cancelSignIn(second.signInId)).toEqual({ state: 'cancelled', error: 'The sign-in was cancelled.' });
    const redirect = new URL(new URL(second.authorizationUrl).searchParams.get('redirect_uri') as string);
    await expect(fetch(redirect)).rejects.toThrow();
    expect(await service.cancelSignIn(second.signInId)).toMatchObject({ state: 'cancelled' });
    expect(await service.list()).toEqual([]);
    await expect(service.signInStatus('signin-unknown')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses to start without a client id, saying what to set (BAD_REQUEST)', async () => {
    const { service } = setUp({});
    await expect(service.startSignIn('dropbox')).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/set AFTERIMAGE_DROPBOX_CLIENT_ID or "oauthClients\.dropbox\.clientId" in .*config\.json/) });
    await expect(service.startSignIn('microsoft')).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('AFTERIMAGE_MICROSOFT_CLIENT_ID') });
  });

  it('refuses to remove an account a backup target uses, naming the targets; removes it once they are gone', async () => {
    const { service } = setUp();
    const started = await service.startSignIn('dropbox');
    await visit(started.authorizationUrl);
    const { accountId } = await settled(service, started.signInId);
    const id = accountId as string;
    const targets = [target('tgt-1', id), target('tgt-2', 'someone-else')];
    await expect(service.remove(id, targets)).rejects.toMatchObject({ code: 'CONFLICT', message: `${id} is used by the backup target tgt-1 (Dropbox Afterimage); remove it first ('afterimage backup targets remove ID'), then the account.` });
    expect(await service.remove(id, targets.slice(1))).toMatchObject({ id, provider: 'dropbox' });
    expect(await service.list()).toEqual([]);
    await expect(service.remove(id, [])).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('lets the user name an account, keeps the name across a new sign-in, and goes back to the provider’s name when it is cleared', async () => {
    const { service, store } = setUp();
    const first = await service.startSignIn('dropbox');
    await visit(first.authorizationUrl);
    const id = (await settled(service, first.signInId)).accountId as string;
    expect(await service.setLabel(id, "  Anna's Dropbox ")).toMatchObject({ id, label: "Anna's Dropbox", title: "Anna's Dropbox", name: TEST_PERSON.name, email: TEST_PERSON.email });
    expect((await stat(store.file)).mode & 0o777).toBe(0o600);
    expect((await new AccountStore(home).get(id))?.label).toBe("Anna's Dropbox");

    const again = await service.startSignIn('dropbox');
    await visit(again.authorizationUrl);
    expect(await settled(service, again.signInId)).toEqual({ state: 'done', accountId: id });
    expect(await service.list()).toEqual([expect.objectContaining({ id, title: "Anna's Dropbox" })]);

    expect(await service.setLabel(id, '')).toMatchObject({ id, title: `${TEST_PERSON.name} (${TEST_PERSON.email})` });
    expect((await service.list())[0]?.label).toBeUndefined();
    await expect(service.setLabel('dropbox-nobody', 'x')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('still signs in when the provider will not say who the account is, and names it by its id', async () => {
    const store = new AccountStore(home);
    const clients = configuredClients(home, { AFTERIMAGE_DROPBOX_CLIENT_ID: 'db-client' });
    // The profile is asked where nothing answers it.
    const accounts = new Accounts({ store, client: clients, endpoints: { dropbox: dropbox.origin }, profile: profileFetcher({ AFTERIMAGE_DROPBOX_API: 'http://127.0.0.1:9' }, {}) });
    const service = new AccountService({ accounts, clients, configFile: join(home, 'config.json'), ports: { dropbox: 0 } });
    const started = await service.startSignIn('dropbox');
    await visit(started.authorizationUrl);
    const id = (await settled(service, started.signInId)).accountId as string;
    expect(await service.list()).toEqual([{ id, provider: 'dropbox', title: id, addedAt: expect.any(String), needsSignIn: false }]);
  });

  it('marks an account whose sign-in the provider revoked, until it is signed in again', async () => {
    const { service, store, health } = setUp();
    const first = await service.startSignIn('dropbox');
    await visit(first.authorizationUrl);
    const id = (await settled(service, first.signInId)).accountId as string;
    const saved = await store.get(id);
    await store.saveTokens(id, { ...saved!.tokens, expiresAt: Date.now() - 1000 });
    dropbox.live.clear();
    await expect((await health.accounts.tokenSourceFor(id)).token()).rejects.toBeInstanceOf(AuthError);
    expect((await service.list())[0]).toMatchObject({ id, needsSignIn: true });

    const again = await service.startSignIn('dropbox');
    await visit(again.authorizationUrl);
    expect(await settled(service, again.signInId)).toEqual({ state: 'done', accountId: id });
    expect(await service.list()).toEqual([expect.objectContaining({ id, needsSignIn: false })]);
    expect(await (await health.accounts.tokenSourceFor(id)).token()).toMatch(/^at-/);
  });
});
