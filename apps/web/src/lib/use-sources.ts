'use client';
import type { Source } from '@afterimage/contracts';
import { useCallback, useEffect, useState } from 'react';
import { plainError, type AgentClient } from './agent-client';

export type SourcesState = { status: 'loading' } | { status: 'ready'; sources: Source[] } | { status: 'error'; message: string };

export function useSources(client: AgentClient, agentUrl: string) {
  const [state, setState] = useState<SourcesState>({ status: 'loading' });
  const load = useCallback(() => {
    setState((s) => (s.status === 'ready' ? s : { status: 'loading' })); // a reload keeps the list on screen
    client.sources.list.query().then(
      (sources) => setState({ status: 'ready', sources }),
      (error: unknown) => setState({ status: 'error', message: plainError(error, agentUrl) }),
    );
  }, [client, agentUrl]);
  useEffect(load, [load]);
  return { state, reload: load };
}
