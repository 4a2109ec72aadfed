'use client';
import type { ScanBatchEvent, ScanProgress, ScanState } from '@afterimage/contracts';
import { useCallback, useEffect, useRef, useState } from 'react';
import { plainError, type AgentClient } from './agent-client';
import { withPassword } from './service-code';

export interface LiveScan {
  state?: ScanState;
  progress?: ScanProgress;
  /** Findings so far (distinct ids heard, or the agent's count). */
  found: number;
  /** The scan could not be loaded at all (no such scan, agent away). */
  loadError?: string;
  /** A pause, resume or cancel was refused. */
  actionError?: string;
  busy?: 'pause' | 'resume' | 'cancel';
  /** The event stream dropped and is being reopened. */
  reconnecting: boolean;
}

const FLUSH_MS = 200;

/**
 * One scan as the agent knows it, kept live: scans.get first, then (while it runs) its SSE event
 * stream in batches (scans.eventBatches: the findings found together come in one event, up to 256;
 * each batch tells the results grid and the filter counts to ask again). Events are folded into
 * refs and drawn at most five times a second, so a stream that replays thousands of findings on
 * connect does not re-render for each. `agentUp` false closes the stream
 * (the agent is away); when it turns true again everything is asked again. Resuming a scan of an
 * encrypted backup the agent holds no password for asks for it through `unlock`.
 */
export function useScanLive(client: AgentClient, agentUrl: string, scanId: string, agentUp: boolean, unlock?: () => Promise<boolean>) {
  const unlocking = useRef(unlock);
  unlocking.current = unlock;
  const [view, setView] = useState<LiveScan>({ found: 0, reconnecting: false });
  const seen = useRef(new Set<string>());
  const pending = useRef<{ state?: ScanState; progress?: ScanProgress }>({});
  const flushTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const subscription = useRef<{ unsubscribe(): void } | undefined>(undefined);

  const flush = useCallback(() => {
    flushTimer.current = undefined;
    const { state, progress } = pending.current;
    pending.current = {};
    setView((v) => {
      const nextState = state ?? v.state;
      return {
        ...v,
        ...(nextState ? { state: nextState } : {}),
        progress: progress ?? state?.progress ?? v.progress,
        found: Math.max(seen.current.size, nextState?.findingCount ?? 0),
      };
    });
  }, []);

  const schedule = useCallback(
    (now = false) => {
      if (now) {
        clearTimeout(flushTimer.current);
        flush();
      } else if (!flushTimer.current) flushTimer.current = setTimeout(flush, FLUSH_MS);
    },
    [flush],
  );

  const stopStream = useCallback(() => {
    subscription.current?.unsubscribe();
    subscription.current = undefined;
  }, []);

  const follow = useCallback(() => {
    stopStream();
    subscription.current = client.scans.eventBatches.subscribe(
      { scanId },
      {
        onData: ({ data }: { data: ScanBatchEvent }) => {
          if (data.type === 'findings') for (const f of data.findings) seen.current.add(f.id);
          else if (data.type === 'progress') pending.current.progress = data.progress;
          else pending.current.state = data.state;
          schedule(data.type === 'done');
        },
        onError: (error) => setView((v) => ({ ...v, actionError: plainError(error, agentUrl) })),
        onConnectionStateChange: (s) => setView((v) => ({ ...v, reconnecting: s.state === 'connecting' && s.error !== null })),
      },
    );
  }, [client, agentUrl, scanId, schedule, stopStream]);

  const load = useCallback(async () => {
    try {
      const state = await client.scans.get.query({ scanId });
      setView((v) => ({ ...v, state, progress: state.progress, found: Math.max(seen.current.size, state.findingCount), loadError: undefined, reconnecting: false }));
      if (state.status === 'running') follow();
    } catch (error) {
      setView((v) => ({ ...v, loadError: plainError(error, agentUrl) }));
    }
  }, [client, agentUrl, scanId, follow]);

  useEffect(() => {
    seen.current = new Set();
    setView({ found: 0, reconnecting: false });
  }, [scanId]);

  useEffect(() => {
    if (agentUp) void load();
    return () => {
      stopStream();
      clearTimeout(flushTimer.current);
      flushTimer.current = undefined;
    };
  }, [agentUp, load, stopStream]);

  const act = useCallback(
    async (what: 'pause' | 'resume' | 'cancel') => {
      setView((v) => ({ ...v, busy: what, actionError: undefined }));
      try {
        const state = await withPassword(() => client.scans[what].mutate({ scanId }), () => unlocking.current?.() ?? Promise.resolve(false));
        setView((v) => ({ ...v, state, progress: state.progress, busy: undefined }));
        if (state.status === 'running') follow();
      } catch (error) {
        setView((v) => ({ ...v, busy: undefined, actionError: plainError(error, agentUrl) }));
      }
    },
    [client, agentUrl, scanId, follow],
  );

  return { view, pause: () => act('pause'), resume: () => act('resume'), cancel: () => act('cancel'), reload: load };
}
