'use client';
import type { BackupEvent, BackupFile, BackupJobState, BackupProgress } from '@afterimage/contracts';
import { useCallback, useEffect, useRef, useState } from 'react';
import { plainError, type AgentClient } from './agent-client';

/** The newest files shown in the live list (the counts cover them all). */
export const RECENT_FILES = 200;
const LAST_JOB_KEY = 'afterimage.backup.lastJob';

export interface BackupRunView {
  phase: 'idle' | 'starting' | 'running' | 'done' | 'error';
  job?: BackupJobState;
  progress?: BackupProgress;
  /** Newest first. */
  recent: BackupFile[];
  /** The job was found on opening the page (started earlier, or from another window). */
  earlier?: boolean;
  error?: string;
}

function apply(view: BackupRunView, event: BackupEvent): BackupRunView {
  switch (event.type) {
    case 'file':
      return { ...view, recent: [event.file, ...view.recent].slice(0, RECENT_FILES) };
    case 'progress':
      return { ...view, progress: event.progress };
    case 'done':
      return { ...view, phase: 'done', job: event.state, progress: event.state.progress };
  }
}

const remember = (jobId: string) => {
  try {
    window.localStorage.setItem(LAST_JOB_KEY, jobId);
  } catch {
    // Storage refused (private window): the page simply will not find the job after a reload.
  }
};
const recall = () => {
  try {
    return window.localStorage.getItem(LAST_JOB_KEY) ?? undefined;
  } catch {
    return undefined;
  }
};

/** Starts the one job that brings every photo to 3-2-1 and follows it; finds a running one on load. */
export function useBackupRun(client: AgentClient, agentUrl: string, onFinished: () => void) {
  const [view, setView] = useState<BackupRunView>({ phase: 'idle', recent: [] });
  const subscription = useRef<{ unsubscribe(): void } | undefined>(undefined);
  const finished = useRef(onFinished);
  finished.current = onFinished;

  const stop = useCallback(() => {
    subscription.current?.unsubscribe();
    subscription.current = undefined;
  }, []);
  useEffect(() => stop, [stop]);

  const follow = useCallback(
    (job: BackupJobState, earlier: boolean) => {
      stop();
      remember(job.id);
      if (job.status !== 'running') {
        setView({ phase: 'done', job, progress: job.progress, recent: [], earlier });
        return;
      }
      setView({ phase: 'running', job, progress: job.progress, recent: [], earlier });
      subscription.current = client.backup.events.subscribe(
        { jobId: job.id },
        {
          onData: (tracked) => {
            setView((current) => apply(current, tracked.data));
            if (tracked.data.type === 'done') finished.current();
          },
          onError: (error) => setView((current) => ({ ...current, phase: 'error', error: plainError(error, agentUrl) })),
        },
      );
    },
    [client, agentUrl, stop],
  );

  /** Finds the last job again (on opening the page, or when the agent is back after being away). */
  const reattach = useCallback(() => {
    const jobId = recall();
    if (!jobId) return;
    client.backup.get.query({ jobId }).then(
      (job) => follow(job, true),
      () => undefined, // a job the agent no longer knows: nothing to show
    );
  }, [client, follow]);
  useEffect(reattach, [reattach]);

  const start = useCallback(async () => {
    setView({ phase: 'starting', recent: [] });
    try {
      follow(await client.backup.run.mutate({}), false);
    } catch (error) {
      setView({ phase: 'error', recent: [], error: plainError(error, agentUrl) });
    }
  }, [client, agentUrl, follow]);

  const cancel = useCallback(async () => {
    const jobId = view.job?.id;
    if (!jobId) return;
    try {
      const job = await client.backup.cancel.mutate({ jobId });
      setView((current) => ({ ...current, phase: 'done', job, progress: job.progress }));
      stop();
      finished.current();
    } catch (error) {
      setView((current) => ({ ...current, error: plainError(error, agentUrl) }));
    }
  }, [client, agentUrl, view.job?.id, stop]);

  return { view, start, cancel, reattach };
}
