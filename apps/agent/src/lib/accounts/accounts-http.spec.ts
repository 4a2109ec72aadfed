import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestAuthorizationServer, TEST_PERSON, visit, type TestAuthorizationServer } from '../../testing/authorization-server.js';
import { startAgent, type RunningAgent } from '../start-agent.js';
import { oauthSettings } from './oauth-env.js';

let home: string;
let microsoft: TestAuthorizationServer;
let agent: RunningAgent;

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'accounts-http-'));
  microsoft = await startTestAuthorizationServer('microsoft');
  const env = { AFTERIMAGE_MICROSOFT_CLIENT_ID: 'ms-client', AFTERIMAGE_MICROSOFT_OAUTH: `${microsoft.origin}/ignored/path` };
  agent = await startAgent({ home, port: 0, demoCard: false, env });
});
afterAll(async () => {
  await agent?.close();
  await microsoft.close();
  await rm(home, { recursive: true, force: true });
});

/** A tRPC call over HTTP as the dashboard makes it: the data, or the error's code and message. */
async function call(kind: 'query' | 'mutation', path: string, input?: unknown): Promise<{ data?: unknown; error?: { message: string; data: { serviceCode: string; httpStatus: number } } }> {
  const headers = { authorization: `Bearer ${agent.token}`, 'content-type': 'application/json' };
  const query = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
  const response = kind === 'query' ? await fetch(`${agent.url}/trpc/${path}${query}`, { headers }) : await fetch(`${agent.url}/trpc/${path}`, { method: 'POST', headers, body: JSON.stringify(input) });
  const body = (await response.json()) as { result?: { data: unknown }; error?: never };
  return body.result ? { data: body.result.data } : { error: body.error };
}

describe('accounts through the agent (AFTERIMAGE_MICROSOFT_OAUTH)', () => {
  it('signs in against the emulated authorization server, and a target can use the account', async () => {
    const providers = (await call('query', 'accounts.providers')).data as { provider: string; configured: boolean }[];
    expect(providers.find((p) => p.provider === 'microsoft')).toMatchObject({ configured: true, kinds: ['onedrive'] });
    const started = (await call('mutation', 'accounts.signIn', { provider: 'microsoft' })).data as { signInId: string; authorizationUrl: string };
    expect(started.authorizationUrl.startsWith(`${microsoft.origin}/common/oauth2/v2.0/authorize?`)).toBe(true);
    expect((await visit(started.authorizationUrl)).location.hostname).toBe('localhost');
    let status: { state: string; accountId?: string } = { state: 'waiting' };
    while (status.state === 'waiting') status = (await call('query', 'accounts.signInStatus', { signInId: started.signInId })).data as typeof status;
    expect(status).toMatchObject({ state: 'done', accountId: expect.stringMatching(/^microsoft-/) });
    const id = status.accountId as string;
    // Graph's /me was asked where the sign-in went (AFTERIMAGE_MICROSOFT_OAUTH's origin).
    const title = `${TEST_PERSON.name} (${TEST_PERSON.email})`;
    expect((await call('query', 'accounts.list')).data).toEqual([{ id, provider: 'microsoft', name: TEST_PERSON.name, email: TEST_PERSON.email, title, addedAt: expect.any(String), needsSignIn: false }]);

    const target = (await call('mutation', 'backup.targets.add', { kind: 'onedrive', root: 'Afterimage', account: id })).data as { id: string };
    expect((await call('query', 'backup.targets.list')).data).toEqual([expect.objectContaining({ id: target.id, account: id, accountTitle: title })]);
    expect((await call('mutation', 'accounts.setLabel', { id, label: 'Work OneDrive' })).data).toMatchObject({ id, label: 'Work OneDrive', title: 'Work OneDrive' });
    expect((await call('query', 'backup.status')).data).toMatchObject({ targets: [{ id: target.id, accountTitle: 'Work OneDrive' }] });
    expect((await call('mutation', 'accounts.setLabel', { id, label: 'x'.repeat(101) })).error?.data.serviceCode).toBe('BAD_REQUEST');
    const refused = await call('mutation', 'accounts.remove', { id });
    expect(refused.error).toMatchObject({ data: { serviceCode: 'CONFLICT', httpStatus: 409 }, message: expect.stringContaining(`${target.id} (OneDrive Afterimage)`) });
    await call('mutation', 'backup.targets.remove', { targetId: target.id });
    expect((await call('mutation', 'accounts.remove', { id })).data).toMatchObject({ id });
    expect((await call('query', 'accounts.list')).data).toEqual([]);
  });

  it('says what to set for a provider without a client id, and refuses its sign-in', async () => {
    const refused = await call('mutation', 'accounts.signIn', { provider: 'google' });
    expect(refused.error).toMatchObject({ data: { serviceCode: 'BAD_REQUEST' }, message: expect.stringContaining('AFTERIMAGE_GOOGLE_CLIENT_ID') });
    expect((await call('query', 'accounts.signInStatus', { signInId: 'signin-nope' })).error?.data.serviceCode).toBe('NOT_FOUND');
  });
});

describe('oauthSettings', () => {
  it('reads the emulated origins and redirect ports, and names a variable that is set wrong', () => {
    expect(oauthSettings({ AFTERIMAGE_DROPBOX_OAUTH: ' http://127.0.0.1:9000/x ', AFTERIMAGE_DROPBOX_REDIRECT_PORT: '53000', AFTERIMAGE_GOOGLE_OAUTH: '' })).toEqual({
      endpoints: { dropbox: 'http://127.0.0.1:9000' },
      ports: { dropbox: 53000 },
    });
    expect(() => oauthSettings({ AFTERIMAGE_GOOGLE_OAUTH: 'file:///tmp/x' })).toThrow(/AFTERIMAGE_GOOGLE_OAUTH must be an http/);
    expect(() => oauthSettings({ AFTERIMAGE_MICROSOFT_OAUTH: 'not a url' })).toThrow(/AFTERIMAGE_MICROSOFT_OAUTH must be an address like/);
    expect(() => oauthSettings({ AFTERIMAGE_DROPBOX_REDIRECT_PORT: '0' })).toThrow(/AFTERIMAGE_DROPBOX_REDIRECT_PORT must be a port number from 1 to 65535, not "0"/);
  });
});
