import { AuthError } from '@afterimage/cloud-adapters';
import type { AccountsLike } from '../backup/account-tokens.js';

/**
 * Which accounts need signing in again: those whose tokens the provider refused when a backup asked
 * for one (a refresh answered invalid_grant: the access was revoked or the sign-in expired). Kept in
 * memory: a new agent learns it again at the first backup. A token handed out, or a new sign-in of
 * the account, clears it.
 */
export class SignInHealth {
  private readonly refused = new Set<string>();
  /** The accounts as backup targets use them, watched. */
  readonly accounts: AccountsLike;

  constructor(accounts: AccountsLike) {
    this.accounts = {
      list: () => accounts.list(),
      tokenSourceFor: async (accountId) => {
        const source = await accounts.tokenSourceFor(accountId).catch((error: unknown) => this.note(accountId, error));
        return {
          token: (signal) =>
            source.token(signal).then(
              (token) => (this.refused.delete(accountId), token),
              (error: unknown) => this.note(accountId, error),
            ),
          refused: (token) => source.refused?.(token),
        };
      },
    };
  }

  needsSignIn(accountId: string): boolean {
    return this.refused.has(accountId);
  }

  signedIn(accountId: string): void {
    this.refused.delete(accountId);
  }

  private note(accountId: string, error: unknown): never {
    if (error instanceof AuthError) this.refused.add(accountId);
    throw error;
  }
}
