'use client';
import { useCallback, useEffect, useRef, useState } from 'react';
import { plainError, type AgentClient } from './agent-client';
import type { AccountProvider } from './use-accounts';

const POLL_MS = 1500;

export type SignInFlow =
  | { status: 'idle' }
  | { status: 'starting'; provider: AccountProvider }
  | { status: 'waiting'; provider: AccountProvider; signInId: string; url: string; tabOpened: boolean }
  | { status: 'done'; provider: AccountProvider; accountId: string }
  | { status: 'failed'; provider: AccountProvider; message: string };

/**
 * The provider's own sign-in: the agent listens on loopback, the consent page opens in a new tab,
 * and the page asks the agent every 1.5 s how it went. The tab is opened on the click itself (a
 * tab opened after an answer from the agent is a pop-up browsers block), and pointed there after.
 */
export function useAccountSignIn(client: AgentClient, agentUrl: string, onSignedIn: (accountId: string) => void) {
  const [flow, setFlow] = useState<SignInFlow>({ status: 'idle' });
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const signedIn = useRef(onSignedIn);
  signedIn.current = onSignedIn;
  const stopPolling = useCallback(() => clearTimeout(timer.current), []);
  useEffect(() => stopPolling, [stopPolling]);

  const poll = useCallback(
    (provider: AccountProvider, signInId: string) => {
      timer.current = setTimeout(async () => {
        try {
          const answer = await client.accounts.signInStatus.query({ signInId });
          if (answer.state === 'waiting') return poll(provider, signInId);
          if (answer.state === 'done' && answer.accountId) {
            setFlow({ status: 'done', provider, accountId: answer.accountId });
            signedIn.current(answer.accountId);
          } else if (answer.state === 'cancelled') setFlow({ status: 'idle' });
          else setFlow({ status: 'failed', provider, message: answer.error ?? 'The sign-in did not finish.' });
        } catch (error) {
          setFlow({ status: 'failed', provider, message: plainError(error, agentUrl) });
        }
      }, POLL_MS);
    },
    [client, agentUrl],
  );

  const connect = useCallback(
    async (provider: AccountProvider) => {
      stopPolling();
      const tab = window.open('', '_blank');
      setFlow({ status: 'starting', provider });
      try {
        const { signInId, authorizationUrl } = await client.accounts.signIn.mutate({ provider });
        if (tab) {
          tab.opener = null;
          tab.location.href = authorizationUrl;
        }
        setFlow({ status: 'waiting', provider, signInId, url: authorizationUrl, tabOpened: tab !== null });
        poll(provider, signInId);
      } catch (error) {
        tab?.close();
        setFlow({ status: 'failed', provider, message: plainError(error, agentUrl) });
      }
    },
    [client, agentUrl, poll, stopPolling],
  );

  const cancel = useCallback(async () => {
    stopPolling();
    if (flow.status === 'waiting') await client.accounts.cancelSignIn.mutate({ signInId: flow.signInId }).catch(() => undefined);
    setFlow({ status: 'idle' });
  }, [client, flow, stopPolling]);

  return { flow, connect, cancel };
}
