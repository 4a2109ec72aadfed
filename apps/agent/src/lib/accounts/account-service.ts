import { adapters, ClientConfigError, providerAuth, type AccountProvider, type ClientCredentials } from '@afterimage/cloud-adapters';
import { ServiceError, errorMessage, type Account, type AccountProviderInfo, type BackupTargetConfig, type SignInStarted, type SignInStatus } from '@afterimage/contracts';
import type { AccountSummary } from './account-store.js';
import { PendingSignIns, type SignInRunner } from './pending-sign-ins.js';

export interface AccountServiceOptions {
  /** The signed-in accounts (Accounts): list, sign in, forget. */
  accounts: SignInRunner & { list(): Promise<AccountSummary[]>; remove(accountId: string): Promise<boolean>; setLabel(accountId: string, label: string): Promise<boolean> };
  /** This app's client per provider (configuredClients): throws when none is configured. */
  clients(provider: AccountProvider): Promise<ClientCredentials>;
  /** HOME/config.json, named in what to set. */
  configFile: string;
  /** Accounts whose tokens the provider refused (SignInHealth). */
  health?: { needsSignIn(accountId: string): boolean; signedIn(accountId: string): void };
  /** Loopback ports by provider (AFTERIMAGE_<PROVIDER>_REDIRECT_PORT). */
  ports?: Partial<Record<AccountProvider, number>>;
}

const PROVIDERS: readonly AccountProvider[] = ['google', 'dropbox', 'microsoft'];

const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);

/** How people see an account: the user's label, else "Name (email)", the name or the email, else its id. */
export function accountTitle(a: Pick<AccountSummary, 'id' | 'label' | 'name' | 'email'>): string {
  if (a.label) return a.label;
  if (a.name && a.email) return a.name === a.email ? a.name : `${a.name} (${a.email})`;
  return a.name ?? a.email ?? a.id;
}

const shown = (a: AccountSummary, needsSignIn: boolean): Account => ({
  id: a.id,
  provider: a.provider,
  ...(a.label ? { label: a.label } : {}),
  ...(a.name ? { name: a.name } : {}),
  ...(a.email ? { email: a.email } : {}),
  title: accountTitle(a),
  addedAt: a.addedAt,
  needsSignIn,
});

/**
 * The accounts API behind the router (accounts.*): the providers and whether they are configured,
 * the signed-in accounts, browser sign-ins in progress, and removal — refused while a backup target
 * still uses the account, naming those targets, so no target is left that can only fail.
 */
export class AccountService {
  readonly signIns: PendingSignIns;

  constructor(private readonly options: AccountServiceOptions) {
    this.signIns = new PendingSignIns({
      accounts: options.accounts,
      ...(options.ports ? { ports: options.ports } : {}),
      signedIn: (accountId) => options.health?.signedIn(accountId),
    });
  }

  /** What to set for a provider, or undefined when it is configured. */
  private async missing(provider: AccountProvider): Promise<string | undefined> {
    try {
      await this.options.clients(provider);
      return undefined;
    } catch (error) {
      const message = errorMessage(error);
      return error instanceof ClientConfigError ? message.replace("the agent's config.json", this.options.configFile) : message;
    }
  }

  async providers(): Promise<AccountProviderInfo[]> {
    return Promise.all(
      PROVIDERS.map(async (provider) => {
        const missing = await this.missing(provider);
        const kinds = adapters.filter((a) => a.account === provider).map((a) => a.kind);
        return { provider, title: providerAuth[provider].title, configured: missing === undefined, ...(missing ? { missing } : {}), kinds };
      }),
    );
  }

  async list(): Promise<Account[]> {
    const summaries = await this.options.accounts.list().catch((cause: unknown) => {
      throw new ServiceError('UNREADABLE', `The signed-in accounts cannot be read: ${(cause as Error).message}`, { cause });
    });
    return summaries.map((a) => shown(a, this.options.health?.needsSignIn(a.id) ?? false));
  }

  /** The user's own name for an account ('' goes back to the provider's name). */
  async setLabel(accountId: string, label: string): Promise<Account> {
    const found = await this.options.accounts.setLabel(accountId, label).catch((cause: unknown) => {
      throw new ServiceError('UNREADABLE', `The signed-in accounts cannot be changed: ${(cause as Error).message}`, { cause });
    });
    const account = found ? (await this.list()).find((a) => a.id === accountId) : undefined;
    if (!account) throw new ServiceError('NOT_FOUND', `No signed-in account ${accountId}; list them with 'afterimage accounts'.`);
    return account;
  }

  async startSignIn(provider: AccountProvider): Promise<SignInStarted> {
    const missing = await this.missing(provider);
    if (missing) throw new ServiceError('BAD_REQUEST', missing);
    return this.signIns.start(provider);
  }

  async signInStatus(signInId: string): Promise<SignInStatus> {
    return this.signIns.status(signInId);
  }

  cancelSignIn(signInId: string): Promise<SignInStatus> {
    return this.signIns.cancel(signInId);
  }

  /** Forgets the account and its tokens (the provider keeps the app's access until revoked there). */
  async remove(accountId: string, targets: readonly BackupTargetConfig[]): Promise<Account> {
    const account = (await this.list()).find((a) => a.id === accountId);
    if (!account) throw new ServiceError('NOT_FOUND', `No signed-in account ${accountId}; list them with 'afterimage accounts'.`);
    const using = targets.filter((t) => t.account === accountId);
    if (using.length > 0) {
      const named = using.map((t) => `${t.id} (${t.title} ${t.root})`).join(', ');
      throw new ServiceError(
        'CONFLICT',
        `${accountId} is used by the backup ${plural(using.length, 'target', 'targets')} ${named}; remove ${plural(using.length, 'it', 'them')} first ('afterimage backup targets remove ID'), then the account.`,
      );
    }
    await this.options.accounts.remove(accountId);
    return account;
  }

  shutdown(): Promise<void> {
    return this.signIns.shutdown();
  }
}
