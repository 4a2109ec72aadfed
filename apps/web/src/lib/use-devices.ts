'use client';
import type { Device } from '@afterimage/contracts';
import { useCallback, useEffect, useState } from 'react';
import { plainError, type AgentClient } from './agent-client';
import { sortDevices } from './device-notes';

export type DevicesState = { status: 'loading' } | { status: 'ready'; devices: Device[] } | { status: 'error'; message: string };

/** This computer's disks and cards, as the agent lists them (removable first). */
export function useDevices(client: AgentClient, agentUrl: string) {
  const [state, setState] = useState<DevicesState>({ status: 'loading' });
  const load = useCallback(() => {
    setState((s) => (s.status === 'ready' ? s : { status: 'loading' }));
    client.devices.list.query().then(
      (devices) => setState({ status: 'ready', devices: sortDevices(devices) }),
      (error: unknown) => setState({ status: 'error', message: plainError(error, agentUrl) }),
    );
  }, [client, agentUrl]);
  useEffect(load, [load]);
  return { state, reload: load };
}
