// Each emulator answers its provider's "about me" call as the real API does (Drive's about, Dropbox's
// users/get_current_account, Graph's /me), for a token it issued at its own sign-in; the adapters'
// fetchAccountProfile reads the person's name and email from each. The Dropbox emulator also holds
// requests when a test asks it to (FaultPlan.hold), until released.
import { AuthError, fetchAccountProfile, signIn, type AccountProvider } from '@afterimage/cloud-adapters';
import { afterEach, describe, expect, it } from 'vitest';
import { startDropboxEmulator } from '../dropbox/dropbox-emulator.js';
import { startDriveEmulator } from '../google-drive/emulator.js';
import type { EmulatedPerson } from '../lib/person.js';
import { startOneDriveEmulator } from '../onedrive/onedrive-emulator.js';
import { visit } from './test-browser.js';

const anna: EmulatedPerson = { givenName: 'Anna', surname: 'Berg', email: 'anna@example.org' };

interface Started {
  url: string;
  close(): Promise<void>;
}

const cases: { provider: AccountProvider; start(): Promise<Started> }[] = [
  { provider: 'google', start: () => startDriveEmulator({ person: anna, oauth: { clientSecret: 'desktop-secret' } }) },
  { provider: 'dropbox', start: () => startDropboxEmulator({ person: anna }) },
  { provider: 'microsoft', start: async () => startOneDriveEmulator({ person: anna }) },
];

const open: Started[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((emulator) => emulator.close()));
});
const started = async (start: () => Promise<Started>) => {
  const emulator = await start();
  open.push(emulator);
  return emulator;
};
const call = (url: string, init: RequestInit & { token?: string } = {}) =>
  fetch(url, { ...init, headers: { authorization: `Bearer ${init.token ?? 'emulator-token'}`, ...(init.headers as Record<string, string>) } }).then(async (r) => ({ status: r.status, body: (await r.json()) as Record<string, unknown> }));

describe('who a signed-in account is, at each emulated provider', () => {
  for (const { provider, start } of cases) {
    it(`${provider}: names the person behind a token from its own sign-in, and refuses a token it never issued`, async () => {
      const emulator = await started(start);
      let browsing: Promise<unknown> | undefined;
      const tokens = await signIn({
        provider,
        clientId: 'emulator-client',
        clientSecret: provider === 'google' ? 'desktop-secret' : undefined,
        endpoints: emulator.url,
        port: 0,
        openBrowser: (url) => {
          browsing = visit(url);
        },
      });
      await browsing;
      expect(await fetchAccountProfile({ provider, accessToken: tokens.accessToken, apiBase: emulator.url })).toEqual({ name: 'Anna Berg', email: 'anna@example.org' });
      await expect(fetchAccountProfile({ provider, accessToken: 'forged', apiBase: emulator.url })).rejects.toBeInstanceOf(AuthError);
    });
  }

  it('Drive: about needs `fields`, and gives only the fields asked for', async () => {
    const drive = await started(() => startDriveEmulator({ person: anna }));
    const bare = await call(`${drive.url}/drive/v3/about`);
    expect(bare.status).toBe(400);
    expect(bare.body).toMatchObject({ error: { code: 400, message: "The 'fields' parameter is required for this method.", errors: [{ reason: 'required', location: 'fields' }] } });
    expect((await call(`${drive.url}/drive/v3/about?fields=user`)).body).toEqual({ user: { kind: 'drive#user', displayName: 'Anna Berg', me: true, permissionId: expect.any(String), emailAddress: 'anna@example.org' } });
    expect((await call(`${drive.url}/drive/v3/about?fields=kind,storageQuota(usage)`)).body).toEqual({ kind: 'drive#about', storageQuota: { usage: '0' } });
  });

  it('Dropbox: get_current_account names the account the token endpoint named, and takes no arguments but null', async () => {
    const dropbox = await started(() => startDropboxEmulator({ person: anna, oauth: { accountId: 'dbid:anna' } }));
    const account = await call(`${dropbox.url}/2/users/get_current_account`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: 'null' });
    expect(account.status).toBe(200);
    expect(account.body).toMatchObject({ account_id: 'dbid:anna', name: { given_name: 'Anna', surname: 'Berg', display_name: 'Anna Berg', abbreviated_name: 'AB' }, email: 'anna@example.org', email_verified: true, account_type: { '.tag': 'basic' } });
    expect((await call(`${dropbox.url}/2/users/get_current_account`, { method: 'POST' })).status).toBe(200);
    const wrongType = await fetch(`${dropbox.url}/2/users/get_current_account`, { method: 'POST', headers: { authorization: 'Bearer emulator-token', 'content-type': 'text/plain' }, body: 'x' });
    expect(wrongType.status).toBe(400);
    expect(await wrongType.text()).toContain('Bad HTTP "Content-Type" header');
  });

  it('Graph: /me gives the default properties, or those $select names, and refuses an unknown one', async () => {
    const onedrive = await started(async () => startOneDriveEmulator({ person: anna }));
    const me = await call(`${onedrive.url}/v1.0/me`);
    expect(me.body).toMatchObject({ '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#users/$entity', displayName: 'Anna Berg', givenName: 'Anna', surname: 'Berg', mail: 'anna@example.org', userPrincipalName: 'anna@example.org' });
    expect((await call(`${onedrive.url}/v1.0/me?$select=displayName,mail`)).body).toEqual({ '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#users(displayName,mail)/$entity', displayName: 'Anna Berg', mail: 'anna@example.org' });
    const unknown = await call(`${onedrive.url}/v1.0/me?$select=shoeSize`);
    expect(unknown).toMatchObject({ status: 400, body: { error: { code: 'BadRequest' } } });
    expect((await call(`${onedrive.url}/v1.0/me`, { token: 'forged' })).status).toBe(401);
  });
});

describe('holding requests (FaultPlan.hold)', () => {
  it('keeps matching requests waiting until released, and lets the others through', async () => {
    const dropbox = await startDropboxEmulator();
    open.push(dropbox);
    dropbox.faults.hold({ path: '/2/files/upload' });
    const upload = fetch(`${dropbox.url}/2/files/upload`, {
      method: 'POST',
      headers: { authorization: 'Bearer emulator-token', 'content-type': 'application/octet-stream', 'dropbox-api-arg': JSON.stringify({ path: '/held.jpg', mode: 'add' }) },
      body: 'held bytes',
    });
    while (dropbox.faults.held === 0) await new Promise((resume) => setTimeout(resume, 5));
    // Another call is answered while the upload waits, and the upload has stored nothing yet.
    expect((await call(`${dropbox.url}/2/files/get_metadata`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"path":"/held.jpg"}' })).status).toBe(409);
    dropbox.faults.release();
    expect((await upload).status).toBe(200);
    expect(dropbox.faults.held).toBe(0);
    expect((await call(`${dropbox.url}/2/files/get_metadata`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"path":"/held.jpg"}' })).body).toMatchObject({ name: 'held.jpg', size: 10 });
  });
});
