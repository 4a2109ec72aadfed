'use client';
import type { ImagingState, ScanState } from '@afterimage/contracts';
import { useCallback, useEffect, useRef, useState } from 'react';
import { plainError, type AgentClient } from './agent-client';

export interface ScanListState {
  scans: ScanState[] | undefined;
  imaging: ImagingState[];
  error?: string;
}

const BUSY_EVERY_MS = 1500;
const IDLE_EVERY_MS = 10_000;

/**
 * The scans (and imaging jobs) the agent keeps, newest first: what was running when the page was
 * left is shown again when it is opened. Asked again often while something runs.
 */
export function useScanList(client: AgentClient, agentUrl: string) {
  const [state, setState] = useState<ScanListState>({ scans: undefined, imaging: [] });
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const alive = useRef(true);

  const load = useCallback(async () => {
    clearTimeout(timer.current);
    let busy = false;
    try {
      const [scans, imaging] = await Promise.all([client.scans.list.query(), client.imaging.list.query()]);
      scans.sort((a, b) => b.startedAt.localeCompare(a.startedAt));
      busy = scans.some((s) => s.status === 'running') || imaging.some((j) => j.status === 'running');
      if (alive.current) setState({ scans, imaging });
    } catch (error) {
      if (alive.current) setState((s) => ({ ...s, error: plainError(error, agentUrl) }));
    }
    if (!alive.current) return;
    timer.current = setTimeout(() => void load(), busy ? BUSY_EVERY_MS : IDLE_EVERY_MS);
  }, [client, agentUrl]);

  useEffect(() => {
    alive.current = true;
    void load();
    return () => {
      alive.current = false;
      clearTimeout(timer.current);
    };
  }, [load]);

  return { state, reload: load };
}
