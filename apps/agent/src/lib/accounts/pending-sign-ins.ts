import { AuthError, ClientConfigError, providerAuth, type AccountProvider } from '@afterimage/cloud-adapters';
import { ServiceError, errorMessage, type SignInStarted, type SignInStatus } from '@afterimage/contracts';
import { randomBytes } from 'node:crypto';
import type { SignInRequest } from './accounts.js';

/** What runs one browser sign-in and saves the account (Accounts.signIn). */
export interface SignInRunner {
  signIn(request: SignInRequest): Promise<{ id: string }>;
}

export interface PendingSignInsOptions {
  accounts: SignInRunner;
  /** Loopback ports by provider (the provider's default when absent: a fixed one for Dropbox). */
  ports?: Partial<Record<AccountProvider, number>>;
  /** Told the account id when a sign-in is done. */
  signedIn?(accountId: string): void;
  /** How long a finished sign-in's status can still be read (10 minutes when absent). */
  keepMs?: number;
  now?: () => number;
}

interface Pending {
  provider: AccountProvider;
  controller: AbortController;
  status: SignInStatus;
  settled: Promise<void>;
  finishedAt?: number;
}

/** Finished sign-ins kept at most (the oldest are forgotten first); at most one per provider waits. */
const MAX_FINISHED = 32;

/** A failure before the browser was sent anywhere, as the code and message the caller sees. */
function refusal(error: unknown): ServiceError {
  if (error instanceof ServiceError) return error;
  const message = errorMessage(error);
  if (error instanceof ClientConfigError) return new ServiceError('BAD_REQUEST', message, { cause: error });
  // The one AuthError before the browser opens: the provider's fixed loopback port is taken.
  if (error instanceof AuthError) return new ServiceError('CONFLICT', message, { cause: error });
  return new ServiceError('INTERNAL', `The sign-in could not start: ${message}`, { cause: error });
}

/**
 * The browser sign-ins in progress (signInId → AbortController and outcome), in memory. `start` answers
 * with the authorization URL as soon as the loopback listener is up; the sign-in goes on in the
 * background until the browser comes back, it is cancelled, or 5 minutes pass. One waiting sign-in
 * per provider: a new one cancels the older (Dropbox answers on one fixed port).
 */
export class PendingSignIns {
  private readonly byId = new Map<string, Pending>();

  constructor(private readonly options: PendingSignInsOptions) {}

  async start(provider: AccountProvider): Promise<SignInStarted> {
    this.forgetOld();
    for (const other of this.byId.values()) {
      if (other.provider !== provider || other.status.state !== 'waiting') continue;
      this.stop(other, `Another sign-in to ${providerAuth[provider].title} started, so this one was cancelled.`);
      await other.settled;
    }
    const controller = new AbortController();
    let handOver: (url: string) => void = () => undefined;
    const url = new Promise<string>((resolve) => (handOver = resolve));
    const pending: Pending = { provider, controller, status: { state: 'waiting' }, settled: Promise.resolve() };
    const port = this.options.ports?.[provider];
    const outcome = this.options.accounts.signIn({ provider, signal: controller.signal, openBrowser: (address) => handOver(address), ...(port !== undefined ? { port } : {}) });
    pending.settled = outcome.then(
      (account) => {
        this.options.signedIn?.(account.id);
        this.finish(pending, { state: 'done', accountId: account.id });
      },
      (error: unknown) => this.finish(pending, pending.status.state === 'cancelled' ? pending.status : { state: 'failed', error: errorMessage(error) }),
    );
    const first = await Promise.race([url.then((address) => ({ address })), outcome.then(() => ({ address: undefined }), (error: unknown) => ({ error }))]);
    if ('error' in first) throw refusal(first.error);
    if (!first.address) throw new ServiceError('INTERNAL', 'The sign-in ended before it gave an address to open.');
    const signInId = `signin-${randomBytes(12).toString('hex')}`;
    this.byId.set(signInId, pending);
    return { signInId, authorizationUrl: first.address };
  }

  status(signInId: string): SignInStatus {
    return { ...this.get(signInId).status };
  }

  /** Stops a waiting sign-in (its loopback listener closes); a finished one is left as it is. */
  async cancel(signInId: string): Promise<SignInStatus> {
    const pending = this.get(signInId);
    this.stop(pending, 'The sign-in was cancelled.');
    await pending.settled;
    return { ...pending.status };
  }

  /** The agent stops: every waiting sign-in is cancelled. */
  async shutdown(): Promise<void> {
    const waiting = [...this.byId.values()].filter((p) => p.status.state === 'waiting');
    for (const pending of waiting) this.stop(pending, 'The agent stopped, so the sign-in was cancelled.');
    await Promise.all(waiting.map((p) => p.settled));
  }

  private get(signInId: string): Pending {
    this.forgetOld();
    const pending = this.byId.get(signInId);
    if (!pending) throw new ServiceError('NOT_FOUND', `No sign-in ${signInId}: it ended a while ago or the agent restarted; start it again.`);
    return pending;
  }

  private stop(pending: Pending, why: string): void {
    if (pending.status.state !== 'waiting') return;
    pending.status = { state: 'cancelled', error: why };
    pending.controller.abort(new Error(why));
  }

  /** A sign-in that saved its account is done, even when it was cancelled a moment too late. */
  private finish(pending: Pending, status: SignInStatus): void {
    pending.status = status;
    pending.finishedAt = this.now();
  }

  private forgetOld(): void {
    const keepMs = this.options.keepMs ?? 10 * 60_000;
    const finished = [...this.byId].filter(([, pending]) => pending.finishedAt !== undefined);
    finished.forEach(([id, pending], index) => {
      if (this.now() - (pending.finishedAt as number) > keepMs || index < finished.length - MAX_FINISHED) this.byId.delete(id);
    });
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }
}
