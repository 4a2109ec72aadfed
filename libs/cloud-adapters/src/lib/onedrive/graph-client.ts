import type { Client, Context, Middleware } from '@microsoft/microsoft-graph-client';
import type { AccessTokenSource } from '../auth/access-token.js';
import { AuthError, BackupError } from '../errors.js';
import { type RetryOptions, withRetry } from '../retry.js';
import { factsOf, graphFailure } from './graph-failure.js';

export const GRAPH_ORIGIN = 'https://graph.microsoft.com';
/** The SDK only sends the bearer token to https hosts it knows: an emulator is reached through this name. */
const LOCAL_HOST = 'graph.local';

/** Sends what the SDK addressed to https://graph.local/ to the emulator's origin instead (after the token was added). */
class RewriteToApiBase implements Middleware {
  private next?: Middleware;

  constructor(
    private readonly from: string,
    private readonly to: string,
  ) {}

  async execute(context: Context): Promise<void> {
    const url = typeof context.request === 'string' ? context.request : context.request.url;
    if (url.startsWith(this.from)) {
      const rewritten = this.to + url.slice(this.from.length);
      context.request = typeof context.request === 'string' ? rewritten : new Request(rewritten, context.request);
    }
    if (!this.next) throw new Error('The URL rewrite must not be the last middleware.');
    await this.next.execute(context);
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}

export interface GraphApiOptions {
  tokens?: AccessTokenSource;
  /** An emulator's http://127.0.0.1:PORT; Microsoft Graph itself when absent. */
  apiBase?: string;
  retry?: RetryOptions;
}

/**
 * The Graph SDK client as the OneDrive adapter uses it: the token from the AccessTokenSource (a 401 is
 * reported with `refused` and tried once more with a fresh token, then AuthError), every failure typed
 * (graph-failure.ts), transient ones retried with backoff honouring Retry-After.
 */
export class GraphApi {
  /** The origin paging links must come from (Graph's, or the emulator's). */
  readonly origin: string;
  private lastToken?: string;
  private sdkClient?: Promise<Client>;

  constructor(private readonly options: GraphApiOptions) {
    this.origin = options.apiBase?.replace(/\/+$/, '') ?? GRAPH_ORIGIN;
  }

  /**
   * The SDK client, made on first use: the Graph SDK takes ~50 ms to load, which an agent that never
   * backs up to OneDrive should not pay at every start.
   */
  client(): Promise<Client> {
    this.sdkClient ??= import('@microsoft/microsoft-graph-client').then(({ AuthenticationHandler, Client, HTTPMessageHandler }) => {
      const base = this.options.apiBase?.replace(/\/+$/, '');
      const tokens = this.options.tokens;
      const authProvider = {
        getAccessToken: async () => {
          if (!tokens) throw new AuthError('OneDrive needs a signed-in Microsoft account, and none is set up.');
          this.lastToken = await tokens.token();
          return this.lastToken;
        },
      };
      const chain: Middleware[] = [new AuthenticationHandler(authProvider)];
      if (base) chain.push(new RewriteToApiBase(`https://${LOCAL_HOST}/`, `${base}/`));
      chain.push(new HTTPMessageHandler());
      return Client.initWithMiddleware({
        middleware: chain,
        baseUrl: base ? `https://${LOCAL_HOST}/` : `${GRAPH_ORIGIN}/`,
        customHosts: base ? new Set([LOCAL_HOST]) : undefined,
        defaultVersion: 'v1.0',
      });
    });
    return this.sdkClient;
  }

  get retry(): RetryOptions {
    return this.options.retry ?? {};
  }

  /** Runs one SDK call with sign-in handling, typed errors and retries; `what` completes "…while {what}". */
  async request<T>(what: string, run: (client: Client) => Promise<T>, signal?: AbortSignal): Promise<T> {
    return withRetry(() => this.once(what, run, signal), { ...this.retry, signal });
  }

  private async once<T>(what: string, run: (client: Client) => Promise<T>, signal?: AbortSignal): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      signal?.throwIfAborted();
      try {
        return await run(await this.client());
      } catch (error) {
        // A failed streaming call leaves its error body unread: release the connection.
        const body = (error as { body?: unknown } | undefined)?.body;
        if (body instanceof ReadableStream) await body.cancel().catch(() => undefined);
        if (signal?.aborted) throw signal.reason;
        if (error instanceof AuthError) throw error;
        const facts = factsOf(error);
        if (facts.status === 401 && attempt === 1 && this.lastToken) {
          this.options.tokens?.refused?.(this.lastToken);
          continue;
        }
        throw graphFailure(facts, what, error);
      }
    }
  }

  /** The path (after /v1.0) of a paging link, refusing links to any other host (the token must not leave). */
  relativeLink(link: unknown): string {
    const prefix = `${this.origin}/v1.0/`;
    if (typeof link !== 'string' || !link.startsWith(prefix)) throw new BackupError(`OneDrive sent a paging link outside ${this.origin}; it was not followed.`);
    return `/${link.slice(prefix.length)}`;
  }
}
