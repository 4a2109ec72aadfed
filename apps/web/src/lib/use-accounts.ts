'use client';
import type { Account, AccountProvider, AccountProviderInfo } from '@afterimage/contracts';
import { useCallback, useEffect, useState } from 'react';
import { plainError, type AgentClient } from './agent-client';

export type { AccountProvider };
/** accounts.providers: who this agent can sign in to, and what is missing when it cannot. */
export type ProviderInfo = AccountProviderInfo;
/** accounts.list: a signed-in account, without its tokens. */
export type AccountInfo = Account;

export type AccountsState =
  | { status: 'loading' }
  | { status: 'ready'; providers: ProviderInfo[]; accounts: AccountInfo[] }
  | { status: 'error'; message: string };

/** The providers and signed-in accounts, loaded together. */
export function useAccounts(client: AgentClient, agentUrl: string) {
  const [state, setState] = useState<AccountsState>({ status: 'loading' });
  const reload = useCallback(() => {
    Promise.all([client.accounts.providers.query(), client.accounts.list.query()]).then(
      ([providers, accounts]) => setState({ status: 'ready', providers, accounts }),
      (error: unknown) => setState({ status: 'error', message: accountsError(error, agentUrl) }),
    );
  }, [client, agentUrl]);
  useEffect(reload, [reload]);
  return { state, reload };
}

/** An agent from before accounts existed answers "No procedure found": say so in words. */
function accountsError(error: unknown, agentUrl: string): string {
  const text = plainError(error, agentUrl);
  return /no procedure|not found/i.test(text) ? 'This agent cannot sign in to cloud accounts: it is older than the dashboard. Update and restart it.' : text;
}
