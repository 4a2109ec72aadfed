'use client';
import type { RecoveryJob } from '@afterimage/contracts';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AgentClient } from './agent-client';

/**
 * The recoveries the agent remembers for one scan, newest first: one still running when the page
 * was left shows again when it is opened, and is asked about until it ends.
 */
export function usePastRecoveries(client: AgentClient, scanId: string, refreshKey: unknown) {
  const [jobs, setJobs] = useState<RecoveryJob[]>([]);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const load = useCallback(async () => {
    clearTimeout(timer.current);
    const all = await client.recovery.list.query().catch(() => undefined);
    if (!all) return;
    const mine = all.filter((j) => j.scanId === scanId).reverse();
    setJobs(mine);
    if (mine.some((j) => j.status === 'running')) timer.current = setTimeout(() => void load(), 2000);
  }, [client, scanId]);
  useEffect(() => {
    void load();
    return () => clearTimeout(timer.current);
  }, [load, refreshKey]);
  return jobs;
}
