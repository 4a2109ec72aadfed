import { TransientError } from './errors.js';

export interface RetryOptions {
  /** Tries in all, the first included (6 when absent). */
  attempts?: number;
  /** First backoff, doubled each time up to `maxDelayMs`, with jitter (500 ms and 30 s when absent). */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** A provider's Retry-After longer than this fails at once instead of sleeping (5 min when absent). */
  maxRetryAfterMs?: number;
  signal?: AbortSignal;
  onRetry?: (error: TransientError, attempt: number, delayMs: number) => void;
  /** For tests and benchmarks: the sleep used between tries. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Runs `operation` until it succeeds, retrying only TransientError (429, 5xx, a dropped connection, an
 * expired upload session): the provider's Retry-After when it gave one, else exponential backoff with
 * jitter. Any other error, or the last TransientError, is thrown as it is. The operation must be safe to
 * repeat: an upload asks the provider what it already has before sending again.
 */
export async function withRetry<T>(operation: (attempt: number) => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const attempts = options.attempts ?? 6;
  const base = options.baseDelayMs ?? 500;
  const max = options.maxDelayMs ?? 30_000;
  const sleep = options.sleep ?? abortableSleep;
  for (let attempt = 1; ; attempt++) {
    options.signal?.throwIfAborted();
    try {
      return await operation(attempt);
    } catch (error) {
      if (!(error instanceof TransientError) || attempt >= attempts) throw error;
      if (error.retryAfterMs !== undefined && error.retryAfterMs > (options.maxRetryAfterMs ?? 300_000)) throw error;
      const backoff = Math.min(max, base * 2 ** (attempt - 1));
      const delay = error.retryAfterMs ?? Math.round(backoff / 2 + (Math.random() * backoff) / 2);
      options.onRetry?.(error, attempt, delay);
      await sleep(delay, options.signal);
    }
  }
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
