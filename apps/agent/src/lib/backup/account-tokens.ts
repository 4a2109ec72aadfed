import type { AccessTokenSource } from '@afterimage/cloud-adapters';

/** What the agent's account store offers (accounts/Accounts). */
export interface AccountsLike {
  tokenSourceFor(accountId: string): Promise<AccessTokenSource>;
  list(): Promise<{ id: string; provider: string }[]>;
}

/**
 * A signed-in account's tokens as targets take them: the account store's refreshing source, asked
 * for on each use (it keeps one per account), so an account signed in after the agent started works,
 * and one that is not signed in fails the upload with AuthError ("Sign in to … again").
 */
export function accountTokens(accounts: AccountsLike): (accountId: string) => AccessTokenSource {
  return (accountId) => ({
    token: async (signal) => (await accounts.tokenSourceFor(accountId)).token(signal),
    refused: (token) => {
      void accounts.tokenSourceFor(accountId).then(
        (source) => source.refused?.(token),
        () => undefined,
      );
    },
  });
}

/** The provider of a signed-in account (google, dropbox, microsoft), or undefined when there is none. */
export function accountProvider(accounts: AccountsLike): (accountId: string) => Promise<string | undefined> {
  return async (accountId) => (await accounts.list()).find((a) => a.id === accountId)?.provider;
}
