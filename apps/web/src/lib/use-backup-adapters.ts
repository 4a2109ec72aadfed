'use client';
import type { BackupAdapter } from '@afterimage/contracts';
import { useEffect, useState } from 'react';
import { plainError, type AgentClient } from './agent-client';

export type AdaptersState = { status: 'loading' } | { status: 'ready'; adapters: BackupAdapter[] } | { status: 'error'; message: string };

/** The kinds of backup target the agent can add (its adapters' registry), asked once per page. */
export function useBackupAdapters(client: AgentClient, agentUrl: string): AdaptersState {
  const [state, setState] = useState<AdaptersState>({ status: 'loading' });
  useEffect(() => {
    let live = true;
    client.backup.adapters.query().then(
      (adapters) => live && setState({ status: 'ready', adapters }),
      (error: unknown) => live && setState({ status: 'error', message: plainError(error, agentUrl) }),
    );
    return () => {
      live = false;
    };
  }, [client, agentUrl]);
  return state;
}
