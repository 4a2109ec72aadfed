'use client';
import { useCallback, useEffect, useRef } from 'react';
import type { AgentClient } from './agent-client';

const PARAM = 'recovery';

/** The recovery named in the page's address (?recovery=ID), if any. */
function recoveryInAddress(): string | undefined {
  return new URLSearchParams(window.location.search).get(PARAM) ?? undefined;
}

/** Puts the job's id in the address (or takes it out) without a navigation: a reload or a shared link shows it again. */
function setRecoveryInAddress(jobId: string | undefined): void {
  const url = new URL(window.location.href);
  if (jobId) url.searchParams.set(PARAM, jobId);
  else url.searchParams.delete(PARAM);
  window.history.replaceState(null, '', `${url.pathname}${url.search}${url.hash}`);
}

/**
 * A recovery outlives the page: when the scan's page opens, the recovery named in its address is
 * followed again, else one of this scan's the agent is still running (recovery.list). `remember`
 * puts a new job's id in the address.
 */
export function useRecoveryAddress(client: AgentClient, scanId: string, resume: (jobId: string) => Promise<boolean>) {
  const resuming = useRef(resume);
  resuming.current = resume;
  useEffect(() => {
    let gone = false;
    void (async () => {
      const named = recoveryInAddress();
      if (named) {
        if (!(await resuming.current(named)) && !gone) setRecoveryInAddress(undefined);
        return;
      }
      const jobs = await client.recovery.list.query().catch(() => []);
      const running = jobs.filter((j) => j.scanId === scanId && j.status === 'running').at(-1);
      if (running && !gone && (await resuming.current(running.id)) && !gone) setRecoveryInAddress(running.id);
    })();
    return () => {
      gone = true;
    };
  }, [client, scanId]);
  return useCallback((jobId: string) => setRecoveryInAddress(jobId), []);
}
