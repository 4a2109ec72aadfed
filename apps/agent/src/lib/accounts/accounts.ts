import {
  AuthError,
  RefreshingTokenSource,
  signIn,
  type AccountProvider,
  type ClientCredentials,
  type AccountProfile,
  type EndpointOverride,
  type OAuthTokens,
} from '@afterimage/cloud-adapters';
import { randomBytes } from 'node:crypto';
import type { AccountStore, AccountSummary, StoredAccount } from './account-store.js';

export interface AccountsOptions {
  store: AccountStore;
  /** This app's OAuth client per provider (see configuredClients). */
  client(provider: AccountProvider): ClientCredentials | Promise<ClientCredentials>;
  /** Emulator origins in tests. */
  endpoints?: Partial<Record<AccountProvider, EndpointOverride>>;
  fetch?: typeof fetch;
  now?: () => number;
  /**
   * Asks the provider who the account is, once after each sign-in (fetchAccountProfile); a failure
   * only leaves the name out. None: accounts are named by their id or label.
   */
  profile?(provider: AccountProvider, accessToken: string): Promise<AccountProfile>;
}

export interface SignInRequest {
  provider: AccountProvider;
  openBrowser(url: string): void | Promise<void>;
  signal?: AbortSignal;
  label?: string;
  /** Loopback port (Dropbox needs the registered one; tests pass 0). */
  port?: number;
}

/**
 * Signed-in cloud accounts: signs in (saving the tokens) and hands adapters a refreshing token source
 * per account; refreshed and rotated tokens are written back to the store. One source per account,
 * so concurrent uploads share each refresh.
 */
export class Accounts {
  private readonly sources = new Map<string, Promise<RefreshingTokenSource>>();

  constructor(private readonly options: AccountsOptions) {}

  list(): Promise<AccountSummary[]> {
    return this.options.store.list();
  }

  /** Runs the browser sign-in; the same provider account signed in again replaces its old tokens. */
  async signIn(request: SignInRequest): Promise<AccountSummary> {
    const client = await this.options.client(request.provider);
    const tokens = await signIn({
      ...client,
      provider: request.provider,
      openBrowser: request.openBrowser,
      signal: request.signal,
      port: request.port,
      endpoints: this.options.endpoints?.[request.provider],
      fetch: this.options.fetch,
      now: this.options.now,
    });
    const profile = (await this.options.profile?.(request.provider, tokens.accessToken).catch(() => undefined)) ?? {};
    const known = await this.list();
    // The same person signed in again: by the provider's account id, else by the email the provider gave.
    const existing =
      known.find((a) => a.provider === request.provider && tokens.account !== undefined && a.providerAccount === tokens.account) ??
      known.find((a) => a.provider === request.provider && profile.email !== undefined && a.email === profile.email);
    const id = existing?.id ?? `${request.provider}-${randomBytes(6).toString('hex')}`;
    // A label that is only the provider's account id (what older agents kept) is no name of the user's.
    const kept = existing?.label && existing.label !== existing.providerAccount ? existing.label : undefined;
    const label = request.label ?? kept;
    const account: StoredAccount = { id, provider: request.provider, ...(label ? { label } : {}), ...profile, addedAt: new Date().toISOString(), tokens };
    await this.options.store.save(account);
    this.sources.delete(id);
    const { tokens: _tokens, ...shown } = account;
    return { ...shown, scope: tokens.scope, providerAccount: tokens.account };
  }

  /** The user's own name for an account; '' (or only spaces) clears it. False when there is no such account. */
  setLabel(accountId: string, label: string): Promise<boolean> {
    return this.options.store.setLabel(accountId, label.trim() || undefined);
  }

  /** The token source an adapter for this account uses; AuthError when the account is not signed in. */
  tokenSourceFor(accountId: string): Promise<RefreshingTokenSource> {
    let source = this.sources.get(accountId);
    if (!source) {
      source = this.create(accountId);
      this.sources.set(accountId, source);
      source.catch(() => this.sources.delete(accountId));
    }
    return source;
  }

  async remove(accountId: string): Promise<boolean> {
    this.sources.delete(accountId);
    return this.options.store.remove(accountId);
  }

  private async create(accountId: string): Promise<RefreshingTokenSource> {
    const account = await this.options.store.get(accountId);
    if (!account) throw new AuthError(`No signed-in account "${accountId}"; sign in to the cloud service first`);
    const client = await this.options.client(account.provider);
    return new RefreshingTokenSource({
      ...client,
      tokens: account.tokens,
      endpoints: this.options.endpoints?.[account.provider],
      fetch: this.options.fetch,
      now: this.options.now,
      save: (tokens: OAuthTokens) => this.options.store.saveTokens(accountId, tokens),
    });
  }
}
