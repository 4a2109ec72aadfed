'use client';
import type { RecoveryReport } from '@afterimage/contracts';
import { useCallback, useState } from 'react';
import { plainError, type AgentClient } from './agent-client';

export type RecoveryState =
  | { status: 'idle' }
  | { status: 'running'; count: number }
  | { status: 'done'; report: RecoveryReport }
  | { status: 'error'; message: string };

export function useRecovery(client: AgentClient, agentUrl: string) {
  const [state, setState] = useState<RecoveryState>({ status: 'idle' });
  const recover = useCallback(
    async (scanId: string, findingIds: string[], destination: string) => {
      setState({ status: 'running', count: findingIds.length });
      try {
        const report = await client.recovery.start.mutate({ scanId, findingIds, destination });
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
