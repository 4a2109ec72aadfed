/**
 * Fault injection for the cloud emulators. The emulator core answers the generic faults itself:
 * - `rate-limit`: 429 with Retry-After (seconds), before the request reaches the provider;
 * - `server-error`: 500 (503 with `status`), before the request reaches the provider;
 * - `cut-request`: the connection is destroyed after part of the request body arrived; nothing is kept;
 * - `drop-response`: the provider handles the request (and keeps what it stored) but the connection is
 *   destroyed before the response is sent: the client cannot know it worked (the duplicate trap).
 * - `flood-response`: 200 with a body that does not end (chunked, no Content-Length, up to 1 GiB) until
 *   the client hangs up: a hostile provider, for the readers that must stop at their limit.
 * `expire-session` is handed to the provider's handler, which forgets the upload session the request
 * names and answers with its own "session not found/expired" error.
 */
import { seededRandom } from '../../lib/seeded-random.mjs';

export type FaultKind = 'rate-limit' | 'server-error' | 'cut-request' | 'drop-response' | 'expire-session' | 'flood-response';

export interface RequestInfo {
  method: string;
  /** Path without the query string. */
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
}

export interface FaultRule {
  kind: FaultKind;
  /** Matches when every given field matches: method exactly, path by substring or RegExp. */
  method?: string;
  path?: string | RegExp;
  /** Only requests whose headers or query match (e.g. uploads with a Content-Range). */
  when?: (request: RequestInfo) => boolean;
  /** How many matching requests get the fault (1 when absent); Infinity for all. */
  times?: number;
  /** Matching requests to let through before the first fault (0 when absent). */
  skip?: number;
  retryAfterSeconds?: number;
  status?: number;
}

export interface RandomFaults {
  /** Chance per request, 0..1. */
  probability: number;
  kinds: FaultKind[];
  seed?: number;
  retryAfterSeconds?: number;
  /** Only requests that match (e.g. not the OAuth endpoints). */
  when?: (request: RequestInfo) => boolean;
}

export interface InjectedFault {
  kind: FaultKind;
  method: string;
  path: string;
  at: number;
  retryAfterSeconds?: number;
  status?: number;
}

interface LiveRule extends FaultRule {
  left: number;
  toSkip: number;
}

function matches(rule: FaultRule, request: RequestInfo): boolean {
  if (rule.method && rule.method.toUpperCase() !== request.method.toUpperCase()) return false;
  if (typeof rule.path === 'string' && !request.path.includes(rule.path)) return false;
  if (rule.path instanceof RegExp && !rule.path.test(request.path)) return false;
  return !rule.when || rule.when(request);
}

/** The faults an emulator will inject, in order of the rules, then at random; and a log of those it did. */
export class FaultPlan {
  private rules: LiveRule[] = [];
  private random?: { config: RandomFaults; next: () => number };
  readonly injected: InjectedFault[] = [];

  add(rule: FaultRule): this {
    this.rules.push({ ...rule, left: rule.times ?? 1, toSkip: rule.skip ?? 0 });
    return this;
  }

  randomly(config: RandomFaults): this {
    this.random = { config, next: seededRandom(config.seed ?? 1) };
    return this;
  }

  clear(): void {
    this.rules = [];
    this.random = undefined;
  }

  /** The fault for this request, if any (and records it). */
  take(request: RequestInfo): InjectedFault | undefined {
    for (const rule of this.rules) {
      if (rule.left <= 0 || !matches(rule, request)) continue;
      if (rule.toSkip > 0) {
        rule.toSkip--;
        continue;
      }
      rule.left--;
      return this.record({ kind: rule.kind, method: request.method, path: request.path, at: Date.now(), retryAfterSeconds: rule.retryAfterSeconds, status: rule.status });
    }
    const random = this.random;
    if (random && (!random.config.when || random.config.when(request)) && random.next() < random.config.probability) {
      const kind = random.config.kinds[Math.floor(random.next() * random.config.kinds.length)]!;
      return this.record({ kind, method: request.method, path: request.path, at: Date.now(), retryAfterSeconds: random.config.retryAfterSeconds });
    }
    return undefined;
  }

  private holds: { rule: FaultRule; waiting: (() => void)[] }[] = [];

  /**
   * Requests that match wait, before the provider sees them, until `release()`: a test keeps a backup
   * in the middle of an upload for as long as it needs (no timing involved).
   */
  hold(rule: Pick<FaultRule, 'method' | 'path' | 'when'>): this {
    this.holds.push({ rule: { kind: 'rate-limit', ...rule }, waiting: [] });
    return this;
  }

  /** Lets every held request go on, and holds no more. */
  release(): void {
    const holds = this.holds;
    this.holds = [];
    for (const hold of holds) for (const resume of hold.waiting) resume();
  }

  /** How many requests are waiting at a hold now. */
  get held(): number {
    return this.holds.reduce((sum, hold) => sum + hold.waiting.length, 0);
  }

  /** Resolves when the request may go on: at once (undefined) unless a hold matches it. */
  gate(request: RequestInfo): Promise<void> | undefined {
    const hold = this.holds.find((h) => matches(h.rule, request));
    return hold ? new Promise<void>((resume) => hold.waiting.push(resume)) : undefined;
  }

  private record(fault: InjectedFault): InjectedFault {
    this.injected.push(fault);
    return fault;
  }
}
