import type { AccountProvider, OAuthTokens } from '@afterimage/cloud-adapters';
import { randomBytes } from 'node:crypto';
import { chmod, lstat, open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { ensureHome } from '../home.js';

/** One signed-in cloud account and its OAuth tokens. */
export interface StoredAccount {
  id: string;
  provider: AccountProvider;
  /** The name the user gave it ("Anna's Dropbox"); agents before names were asked kept the provider's account id here. */
  label?: string;
  /** Who it is at the provider (its "about me" answer after the sign-in): display name and email. */
  name?: string;
  email?: string;
  addedAt: string;
  tokens: OAuthTokens;
}

/** What may be shown: everything but the tokens; `providerAccount` is the provider's id for it, if known. */
export type AccountSummary = Omit<StoredAccount, 'tokens'> & { scope: string[]; providerAccount?: string };

const provider = z.enum(['google', 'dropbox', 'microsoft']);
const accountSchema = z.object({
  id: z.string().min(1).max(100),
  provider,
  label: z.string().max(300).optional(),
  name: z.string().max(300).optional(),
  email: z.string().max(300).optional(),
  addedAt: z.string().max(40),
  tokens: z.object({
    provider,
    accessToken: z.string().min(1).max(16_384),
    refreshToken: z.string().min(1).max(16_384),
    expiresAt: z.number(),
    scope: z.array(z.string().max(300)).max(50),
    account: z.string().max(200).optional(),
  }),
});
const fileSchema = z.object({ version: z.literal(1), accounts: z.array(accountSchema).max(1000) });

/**
 * The accounts in HOME/accounts.json. The file holds refresh tokens, so it is only ever written with
 * mode 0600 (a temporary file created 0600, then renamed over the old one, so a crash leaves the old or
 * the new file, never half of one). A file found readable by others is set back to 0600 and reported
 * through `warn`; a file that is not a regular file owned by this user is refused. Writes are serialized.
 */
export class AccountStore {
  readonly file: string;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly home: string,
    private readonly warn: (message: string) => void = (message) => console.warn(message),
  ) {
    this.file = join(home, 'accounts.json');
  }

  async list(): Promise<AccountSummary[]> {
    const accounts = await this.read();
    return accounts.map(({ tokens, ...account }) => ({ ...account, scope: tokens.scope, providerAccount: tokens.account }));
  }

  async get(id: string): Promise<StoredAccount | undefined> {
    return (await this.read()).find((account) => account.id === id);
  }

  /** Adds the account, or replaces the one with the same id. */
  save(account: StoredAccount): Promise<void> {
    const checked = accountSchema.parse(account) as StoredAccount;
    return this.update((accounts) => [...accounts.filter((a) => a.id !== checked.id), checked]);
  }

  /** New tokens for an account (after a refresh); nothing happens when the account was removed meanwhile. */
  saveTokens(id: string, tokens: OAuthTokens): Promise<void> {
    return this.update((accounts) => accounts.map((a) => (a.id === id ? (accountSchema.parse({ ...a, tokens }) as StoredAccount) : a)));
  }

  /** Sets the user's label of an account (undefined clears it); false when there is no such account. */
  async setLabel(id: string, label: string | undefined): Promise<boolean> {
    let found = false;
    await this.update((accounts) =>
      accounts.map((a) => {
        if (a.id !== id) return a;
        found = true;
        const { label: _old, ...rest } = a;
        return accountSchema.parse(label ? { ...rest, label } : rest) as StoredAccount;
      }),
    );
    return found;
  }

  async remove(id: string): Promise<boolean> {
    let found = false;
    await this.update((accounts) => {
      found = accounts.some((a) => a.id === id);
      return accounts.filter((a) => a.id !== id);
    });
    return found;
  }

  private update(change: (accounts: StoredAccount[]) => StoredAccount[]): Promise<void> {
    const next = this.queue.then(async () => this.write(change(await this.read())));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async read(): Promise<StoredAccount[]> {
    const stat = await lstat(this.file).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    if (!stat) return [];
    if (!stat.isFile()) throw new Error(`${this.file} is not a regular file; refusing to read account tokens from it`);
    if (process.getuid && stat.uid !== process.getuid()) throw new Error(`${this.file} belongs to another user; refusing to read account tokens from it`);
    if ((stat.mode & 0o077) !== 0) {
      await chmod(this.file, 0o600);
      this.warn(`${this.file} was readable by other users (mode ${(stat.mode & 0o777).toString(8)}); it is now 0600. Sign in again to replace tokens others may have read.`);
    }
    const text = await readFile(this.file, 'utf8');
    const parsed = fileSchema.safeParse(JSON.parse(text));
    if (!parsed.success) throw new Error(`${this.file} is not an Afterimage accounts file: ${parsed.error.issues[0]?.message ?? 'unreadable'}`);
    return parsed.data.accounts as StoredAccount[];
  }

  private async write(accounts: StoredAccount[]): Promise<void> {
    await ensureHome(this.home);
    const temp = `${this.file}.${randomBytes(6).toString('hex')}.tmp`;
    const handle = await open(temp, 'wx', 0o600);
    try {
      await handle.writeFile(JSON.stringify({ version: 1, accounts }, null, 2) + '\n');
      await handle.sync();
    } catch (error) {
      await handle.close();
      await rm(temp, { force: true });
      throw error;
    }
    await handle.close();
    await rename(temp, this.file).catch(async (error: unknown) => {
      await rm(temp, { force: true });
      throw error;
    });
  }
}
