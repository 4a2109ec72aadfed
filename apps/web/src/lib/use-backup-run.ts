'use client';
import type { BackupEvent, BackupFile, BackupJobState, BackupProgress } from '@afterimage/contracts';
import { useCallback, useEffect, useRef, useState } from 'react';
import { plainError, type AgentClient } from './agent-client';

/** The newest files shown in the live list (the counts cover them all). */
export const RECENT_FILES = 200;

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
      // Watched to its end here (even if it was found running): shown as a backup just run.
      return { ...view, phase: 'done', job: event.state, progress: event.state.progress, earlier: false };
  }
}

/**
 * Starts the one job that brings every photo to 3-2-1 and follows it. On opening the page (or when
 * the agent is back) it asks the agent for the running job, else the last one (backup.current), so a
 * reload, another window or a backup started by the CLI shows its live progress instead of a button
 * that would start a second one.
 */
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

  /** Finds the running (else the last) job again: on opening the page, or when the agent is back after being away. */
  const reattach = useCallback(() => {
    client.backup.current.query().then(
      (job) => job && follow(job, true),
      () => undefined, // an agent that cannot say: the page offers to start one, as it would anyway
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
