import { describe, expect, it } from 'vitest';
import { ServiceError } from './errors.js';
import { createAppRouter } from './router.js';
import type { AgentServices } from './services.js';

/** Only the methods a test gives; the router never calls the others here. */
const caller = (services: Partial<AgentServices>) => createAppRouter().createCaller({ services: services as AgentServices });

describe('accounts routes', () => {
  it('lists providers with what is missing, and accounts without their tokens', async () => {
    const api = caller({
      accountProviders: async () => [
        { provider: 'google', title: 'Google', configured: false, missing: 'Set AFTERIMAGE_GOOGLE_CLIENT_ID first', kinds: ['google-drive', 'google-photos'] },
        { provider: 'dropbox', title: 'Dropbox', configured: true, kinds: ['dropbox'] },
      ],
      listAccounts: async () => [{ id: 'dropbox-1', provider: 'dropbox', addedAt: '2025-01-01T00:00:00.000Z', needsSignIn: false, tokens: { refreshToken: 'secret' } } as never],
    });
    expect((await api.accounts.providers())[0]).toMatchObject({ configured: false, missing: 'Set AFTERIMAGE_GOOGLE_CLIENT_ID first' });
    const accounts = await api.accounts.list();
    expect(accounts).toEqual([{ id: 'dropbox-1', provider: 'dropbox', addedAt: '2025-01-01T00:00:00.000Z', needsSignIn: false }]);
    expect(JSON.stringify(accounts)).not.toContain('secret');
  });

  it('names an account as the user likes, refusing a name over 100 characters before the agent sees it', async () => {
    const asked: unknown[] = [];
    const named = { id: 'dropbox-1', provider: 'dropbox' as const, label: "Anna's Dropbox", name: 'Anna Berg', email: 'anna@example.org', title: "Anna's Dropbox", addedAt: '2025-01-01T00:00:00.000Z', needsSignIn: false };
    const api = caller({ setAccountLabel: async (input) => (asked.push(input), named) });
    expect(await api.accounts.setLabel({ id: 'dropbox-1', label: "Anna's Dropbox" })).toEqual(named);
    await api.accounts.setLabel({ id: 'dropbox-1', label: '' });
    await expect(api.accounts.setLabel({ id: 'dropbox-1', label: 'x'.repeat(101) })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(api.accounts.setLabel({ id: '', label: 'x' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(asked).toEqual([{ id: 'dropbox-1', label: "Anna's Dropbox" }, { id: 'dropbox-1', label: '' }]);
  });

  it('refuses an unknown provider before the agent sees it, and hands back the sign-in address', async () => {
    const asked: unknown[] = [];
    const api = caller({ startSignIn: async (input) => (asked.push(input), { signInId: 'signin-1', authorizationUrl: 'https://www.dropbox.com/oauth2/authorize?client_id=x' }) });
    await expect(api.accounts.signIn({ provider: 'icloud' as never })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(await api.accounts.signIn({ provider: 'dropbox' })).toEqual({ signInId: 'signin-1', authorizationUrl: 'https://www.dropbox.com/oauth2/authorize?client_id=x' });
    expect(asked).toEqual([{ provider: 'dropbox' }]);
  });

  it('reports a sign-in’s state, cancels it, and maps a refused removal to its code and message', async () => {
    const api = caller({
      signInStatus: async (id) => (id === 'signin-1' ? { state: 'failed', error: 'You declined to let Afterimage use your Dropbox account; nothing was changed.' } : Promise.reject(new ServiceError('NOT_FOUND', `No sign-in ${id}.`))),
      cancelSignIn: async () => ({ state: 'cancelled', error: 'Cancelled.' }),
      removeAccount: async (id) => {
        throw new ServiceError('CONFLICT', `${id} is used by the backup target tgt-1 (Dropbox Afterimage); remove that target first.`);
      },
    });
    expect(await api.accounts.signInStatus({ signInId: 'signin-1' })).toMatchObject({ state: 'failed', error: expect.stringMatching(/^You declined/) });
    await expect(api.accounts.signInStatus({ signInId: 'signin-2' })).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'No sign-in signin-2.' });
    expect(await api.accounts.cancelSignIn({ signInId: 'signin-1' })).toEqual({ state: 'cancelled', error: 'Cancelled.' });
    await expect(api.accounts.remove({ id: 'dropbox-1' })).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('tgt-1') });
    await expect(api.accounts.remove({ id: '' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});
