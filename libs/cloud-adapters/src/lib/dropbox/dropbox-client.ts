import type { Dropbox } from 'dropbox';
import type { AccessTokenSource } from '../auth/access-token.js';
import { withRetry, type RetryOptions } from '../retry.js';
import { toBackupError } from './dropbox-errors.js';
import { dropboxFetch, type DropboxFetch } from './dropbox-fetch.js';

export interface DropboxClientOptions {
  tokens: AccessTokenSource;
  /** The API origin (an emulator's http://127.0.0.1:PORT); Dropbox's own hosts when absent. */
  apiBase?: string;
  fetch?: typeof fetch;
  retry?: RetryOptions;
}

/**
 * The Dropbox SDK wrapped for this adapter: each call gets an SDK client whose fetch carries the
 * call's AbortSignal (the SDK itself takes none), runs under withRetry (429, 5xx, dropped connections)
 * and fails with our typed errors. The SDK is handed a placeholder token; the fetch sets the real one.
 */
export class DropboxClient {
  constructor(private readonly options: DropboxClientOptions) {}

  /** The fetch the SDK uses, for calls the SDK cannot stream (downloads). */
  fetch(signal?: AbortSignal): DropboxFetch {
    return dropboxFetch({ tokens: this.options.tokens, apiBase: this.options.apiBase, fetch: this.options.fetch, signal });
  }

  /** An SDK client for one call; the SDK is loaded on first use (an agent that never backs up to Dropbox never loads it). */
  async sdk(signal?: AbortSignal): Promise<Dropbox> {
    const { Dropbox } = await import('dropbox');
    return new Dropbox({ accessToken: 'set-per-request', fetch: this.fetch(signal) });
  }

  /**
   * Runs `operation` (which may inspect the SDK's route errors itself) with retries; what it throws
   * comes out as NotFoundError, NoSpaceError, AuthError, TransientError or BackupError. `what` names
   * the step for people ("Uploading /Afterimage/a.jpg").
   */
  async call<T>(what: string, signal: AbortSignal | undefined, operation: (dropbox: Dropbox, attempt: number) => Promise<T>): Promise<T> {
    const dropbox = await this.sdk(signal);
    return withRetry(
      async (attempt) => {
        try {
          return await operation(dropbox, attempt);
        } catch (error) {
          throw toBackupError(error, what);
        }
      },
      { ...this.options.retry, signal },
    );
  }
}
