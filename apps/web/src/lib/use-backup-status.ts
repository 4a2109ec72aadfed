'use client';
import type { BackupStatus } from '@afterimage/contracts';
import { useCallback, useEffect, useRef, useState } from 'react';
import { plainError, type AgentClient } from './agent-client';

export type BackupStatusState =
  | { status: 'loading' }
  | { status: 'ready'; data: BackupStatus; refreshing: boolean }
  | { status: 'error'; message: string; data?: BackupStatus };

/** Every recovered photo's copies and the targets; reload keeps what is shown until the answer comes. */
export function useBackupStatus(client: AgentClient, agentUrl: string) {
  const [state, setState] = useState<BackupStatusState>({ status: 'loading' });
  const asked = useRef(0);
  const reload = useCallback(() => {
    const n = ++asked.current;
    setState((s) => (s.status === 'ready' ? { ...s, refreshing: true } : s));
    client.backup.status.query().then(
      (data) => n === asked.current && setState({ status: 'ready', data, refreshing: false }),
      (error: unknown) =>
        n === asked.current && setState((s) => ({ status: 'error', message: plainError(error, agentUrl), ...(s.status === 'ready' ? { data: s.data } : {}) })),
    );
  }, [client, agentUrl]);
  useEffect(reload, [reload]);
  return { state, reload };
}
