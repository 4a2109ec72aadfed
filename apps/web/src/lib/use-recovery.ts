'use client';
import type { RecoveryReport } from '@afterimage/contracts';
import { useCallback, useState } from 'react';
import { plainError, type AgentClient } from './agent-client';
import { withPassword } from './service-code';

export type RecoveryState =
  | { status: 'idle' }
  | { status: 'preparing'; count: number }
  | { status: 'running'; count: number; startedAt: number }
  | { status: 'done'; report: RecoveryReport }
  | { status: 'error'; message: string };

/**
 * Copies the chosen findings to a folder and waits for the agent's verified report. recovery.start
 * answers only at the end, with no progress events: the page shows the count and the time taken.
 * An encrypted backup the agent holds no password for (NEEDS_PASSWORD) is unlocked through
 * `unlock`, then the recovery asked again.
 */
export function useRecovery(client: AgentClient, agentUrl: string) {
  const [state, setState] = useState<RecoveryState>({ status: 'idle' });
  const recover = useCallback(
    async (scanId: string, count: number, findingIds: () => Promise<string[] | undefined>, destination: string, unlock: () => Promise<boolean> = async () => false) => {
      setState({ status: 'preparing', count });
      try {
        const ids = await findingIds();
        setState({ status: 'running', count: ids?.length ?? count, startedAt: Date.now() });
        const report = await withPassword(() => client.recovery.start.mutate({ scanId, destination, ...(ids ? { findingIds: ids } : {}) }), unlock);
        setState({ status: 'done', report });
      } catch (error) {
        setState({ status: 'error', message: plainError(error, agentUrl) });
      }
    },
    [client, agentUrl],
  );
  const reset = useCallback(() => setState({ status: 'idle' }), []);
  return { state, recover, reset };
}
