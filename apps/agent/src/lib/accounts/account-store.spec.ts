import type { OAuthTokens } from '@afterimage/cloud-adapters';
import { chmod, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AccountStore, type StoredAccount } from './account-store.js';

let home: string;
beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'afterimage-accounts-'));
});
afterEach(async () => {
  await rm(home, { recursive: true, force: true });
});

const tokens = (n: number): OAuthTokens => ({ provider: 'dropbox', accessToken: `at-${n}`, refreshToken: `rt-${n}`, expiresAt: 1_700_000_000_000 + n, scope: ['files.content.write'], account: 'dbid:a' });
const account = (id: string, n = 1): StoredAccount => ({ id, provider: 'dropbox', label: 'me@example.com', addedAt: '2025-01-01T00:00:00.000Z', tokens: tokens(n) });

describe('AccountStore', () => {
  it('writes HOME/accounts.json with mode 0600 and no temporary file left behind', async () => {
    const store = new AccountStore(join(home, 'nested'));
    await store.save(account('dropbox-1'));
    const info = await stat(store.file);
    expect(info.mode & 0o777).toBe(0o600);
    expect(await readdir(join(home, 'nested'))).toEqual(['accounts.json']);
    expect((await stat(join(home, 'nested'))).mode & 0o777).toBe(0o700);
    expect(JSON.parse(await readFile(store.file, 'utf8'))).toEqual({ version: 1, accounts: [account('dropbox-1')] });
  });

  it('lists without tokens, gets, updates tokens and removes', async () => {
    const store = new AccountStore(home);
    await store.save(account('a'));
    await store.save(account('b', 2));
    expect(await store.list()).toEqual([
      { id: 'a', provider: 'dropbox', label: 'me@example.com', addedAt: '2025-01-01T00:00:00.000Z', scope: ['files.content.write'], providerAccount: 'dbid:a' },
      expect.objectContaining({ id: 'b' }),
    ]);
    expect(JSON.stringify(await store.list())).not.toContain('rt-');
    await store.saveTokens('a', tokens(7));
    expect((await store.get('a'))?.tokens.refreshToken).toBe('rt-7');
    expect(await store.remove('a')).toBe(true);
    expect(await store.remove('a')).toBe(false);
    await store.saveTokens('a', tokens(8)); // removed meanwhile: not brought back
    expect((await store.list()).map((a) => a.id)).toEqual(['b']);
    expect((await stat(store.file)).mode & 0o777).toBe(0o600);
  });

  it('loses no update when saves run concurrently', async () => {
    const store = new AccountStore(home);
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.save(account(`acc-${i}`, i))));
    expect((await store.list()).map((a) => a.id).sort()).toEqual(Array.from({ length: 20 }, (_, i) => `acc-${i}`).sort());
  });

  it('sets a file readable by others back to 0600 and says so', async () => {
    const warnings: string[] = [];
    const store = new AccountStore(home, (message) => warnings.push(message));
    await store.save(account('a'));
    await chmod(store.file, 0o644);
    expect((await store.get('a'))?.id).toBe('a');
    expect((await stat(store.file)).mode & 0o777).toBe(0o600);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/readable by other users \(mode 644\); it is now 0600/);
  });

  it('refuses a symlink or a file that is not an accounts file', async () => {
    const store = new AccountStore(home);
    await writeFile(join(home, 'elsewhere.json'), JSON.stringify({ version: 1, accounts: [] }), { mode: 0o600 });
    await symlink(join(home, 'elsewhere.json'), store.file);
    await expect(store.list()).rejects.toThrow(/not a regular file/);
    await rm(store.file);
    await writeFile(store.file, JSON.stringify({ version: 1, accounts: [{ id: 'x' }] }), { mode: 0o600 });
    await expect(store.list()).rejects.toThrow(/not an Afterimage accounts file/);
  });
});
