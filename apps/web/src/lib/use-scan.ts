'use client';
import type { Finding, ScanEvent, ScanProgress, ScanState } from '@afterimage/contracts';
import { useCallback, useEffect, useRef, useState } from 'react';
import { plainError, type AgentClient } from './agent-client';

export type ScanPhase = 'idle' | 'starting' | 'running' | 'done' | 'failed';

export interface ScanView {
  phase: ScanPhase;
  scan?: ScanState;
  progress?: ScanProgress;
  findings: Finding[];
  error?: string;
}

const IDLE: ScanView = { phase: 'idle', findings: [] };

function apply(view: ScanView, event: ScanEvent): ScanView {
  switch (event.type) {
    case 'progress':
      return { ...view, progress: event.progress };
    case 'finding':
      if (view.findings.some((f) => f.id === event.finding.id)) return view; // a replay after a reconnect
      return { ...view, findings: [...view.findings, event.finding] };
    case 'done': {
      const failed = event.state.status === 'failed';
      const phase = failed ? 'failed' : 'done';
      const error = failed ? `The scan stopped: ${event.state.error ?? 'unknown error'}` : event.state.status === 'cancelled' ? 'The scan was cancelled.' : undefined;
      return { ...view, phase, scan: event.state, progress: event.state.progress, ...(error ? { error } : {}) };
    }
  }
}

/** Starts a scan and follows its event stream: progress, findings as they come, the end. */
export function useScan(client: AgentClient, agentUrl: string) {
  const [view, setView] = useState<ScanView>(IDLE);
  const subscription = useRef<{ unsubscribe(): void } | undefined>(undefined);

  const stop = useCallback(() => {
    subscription.current?.unsubscribe();
    subscription.current = undefined;
  }, []);
  useEffect(() => stop, [stop]);

  const start = useCallback(
    async (sourceId: string) => {
      stop();
      setView({ phase: 'starting', findings: [] });
      let scan: ScanState;
      try {
        scan = await client.scans.start.mutate({ sourceId });
      } catch (error) {
        setView({ phase: 'failed', findings: [], error: plainError(error, agentUrl) });
        return;
      }
      setView({ phase: 'running', scan, progress: scan.progress, findings: [] });
      subscription.current = client.scans.events.subscribe(
        { scanId: scan.id },
        {
          onData: (tracked) => setView((current) => apply(current, tracked.data)),
          onError: (error) => setView((current) => ({ ...current, phase: 'failed', error: plainError(error, agentUrl) })),
        },
      );
    },
    [client, agentUrl, stop],
  );

  const reset = useCallback(() => {
    stop();
    setView(IDLE);
  }, [stop]);

  return { view, start, reset };
}
