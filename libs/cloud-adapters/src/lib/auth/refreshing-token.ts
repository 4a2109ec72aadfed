import type { AccessTokenSource } from './access-token.js';
import type { OAuthTokens } from './oauth-tokens.js';
import { endpointsFor, providerAuth, type EndpointOverride } from './providers.js';
import { requestTokens } from './token-endpoint.js';

export interface RefreshingTokenOptions {
  tokens: OAuthTokens;
  clientId: string;
  clientSecret?: string;
  /** Keeps the new tokens (a rotated refresh token above all); called after every refresh. */
  save(tokens: OAuthTokens): void | Promise<void>;
  endpoints?: EndpointOverride;
  /** Refresh this long before the access token expires (60 s when absent: clock skew and a request in flight). */
  refreshAheadMs?: number;
  /** Gives up on one refresh after this long (60 s when absent). */
  refreshTimeoutMs?: number;
  fetch?: typeof fetch;
  now?: () => number;
}

/**
 * An AccessTokenSource over OAuth tokens: hands out the access token until shortly before it expires
 * (or until an adapter says it was refused), then refreshes it (RFC 6749 §6). Concurrent callers share
 * one refresh. A rotated refresh token replaces the old one and is saved; `invalid_grant` becomes
 * AuthError "Sign in to <Provider> again"; an unreachable server a TransientError.
 */
export class RefreshingTokenSource implements AccessTokenSource {
  private current: OAuthTokens;
  private stale = false;
  private unsaved = false;
  private refreshing?: Promise<OAuthTokens>;

  constructor(private readonly options: RefreshingTokenOptions) {
    this.current = { ...options.tokens };
  }

  /** The tokens as they are now (after any refresh). */
  get tokens(): OAuthTokens {
    return { ...this.current };
  }

  async token(signal?: AbortSignal): Promise<string> {
    signal?.throwIfAborted();
    if (this.unsaved) await this.persist();
    const ahead = this.options.refreshAheadMs ?? 60_000;
    if (!this.stale && this.now() < this.current.expiresAt - ahead) return this.current.accessToken;
    this.refreshing ??= this.refresh().finally(() => (this.refreshing = undefined));
    const tokens = await this.wait(this.refreshing, signal);
    return tokens.accessToken;
  }

  refused(token: string): void {
    if (token === this.current.accessToken) this.stale = true;
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  private async refresh(): Promise<OAuthTokens> {
    const provider = providerAuth[this.current.provider];
    const started = this.now();
    const answer = await requestTokens({
      provider,
      endpoint: endpointsFor(provider.id, this.options.endpoints).token,
      fetch: this.options.fetch,
      signal: AbortSignal.timeout(this.options.refreshTimeoutMs ?? 60_000),
      form: {
        grant_type: 'refresh_token',
        refresh_token: this.current.refreshToken,
        client_id: this.options.clientId,
        client_secret: this.options.clientSecret,
        scope: provider.scopeOnRefresh ? this.current.scope.join(' ') : undefined,
      },
    });
    this.current = {
      ...this.current,
      accessToken: answer.accessToken,
      refreshToken: answer.refreshToken ?? this.current.refreshToken,
      expiresAt: started + answer.expiresIn * 1000,
      scope: answer.scope ?? this.current.scope,
    };
    this.stale = false;
    this.unsaved = true;
    await this.persist();
    return this.current;
  }

  /** Saves the current tokens; a failed save is tried again on the next token() call. */
  private async persist(): Promise<void> {
    const snapshot = { ...this.current };
    await this.options.save(snapshot);
    if (this.current.accessToken === snapshot.accessToken) this.unsaved = false;
  }

  private wait<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
    if (!signal) return promise;
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => reject(signal.reason);
      signal.addEventListener('abort', onAbort, { once: true });
      promise.then(
        (value) => {
          signal.removeEventListener('abort', onAbort);
          resolve(value);
        },
        (error: unknown) => {
          signal.removeEventListener('abort', onAbort);
          reject(error);
        },
      );
    });
  }
}
