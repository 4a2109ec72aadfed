'use client';
import type { RecoveryEvent, RecoveryFailure, RecoveryFileEvent, RecoveryJob, RecoveryProgress, RecoveryReport } from '@afterimage/contracts';
import { useCallback, useEffect, useRef, useState } from 'react';
import { plainError, type AgentClient } from './agent-client';
import type { RecoverySelection } from './selection';
import { withPassword } from './service-code';

/** A recovery the page follows: the agent's job, its latest progress, what happened to the files. */
export interface FollowedRecovery {
  job: RecoveryJob;
  progress?: RecoveryProgress;
  /** The latest file event: written (being checked), verified or failed. */
  lastFile?: RecoveryFileEvent;
  /** Files that could not be recovered, as they happened, with the agent's reason. */
  failures: RecoveryFailure[];
  /** report.json's content, once the job ended (a cancelled one lists what was verified before). */
  report?: RecoveryReport;
  cancelling: boolean;
  /** A cancel was refused, or the live progress could not be followed. */
  problem?: string;
  reconnecting: boolean;
}

export type RecoveryState = { status: 'idle' } | { status: 'starting'; count: number } | { status: 'following'; run: FollowedRecovery } | { status: 'error'; message: string };

const FLUSH_MS = 100;
/** Every file's events up to this many files; above, only the failed ones (progress says the rest). */
const EVERY_FILE_UP_TO = 5000;
/** Failures listed on the page; report.json lists them all. */
const FAILURES_SHOWN = 200;

interface Pending {
  progress?: RecoveryProgress;
  lastFile?: RecoveryFileEvent;
  failures: RecoveryFailure[];
  done?: { job: RecoveryJob; report?: RecoveryReport };
}

/**
 * A recovery as a job: recovery.startJob answers at once, then recovery.events streams each file
 * written, verified or failed and the progress, until the job and its verified report. Events are
 * folded into a ref and drawn at most ten times a second. `resume` follows a job started earlier
 * (the page was left and opened again); `cancel` asks the agent to stop it. An encrypted backup the
 * agent holds no password for (NEEDS_PASSWORD) is unlocked through `unlock`, then the start asked again.
 */
export function useRecoveryJob(client: AgentClient, agentUrl: string) {
  const [state, setState] = useState<RecoveryState>({ status: 'idle' });
  const subscription = useRef<{ unsubscribe(): void } | undefined>(undefined);
  const pending = useRef<Pending>({ failures: [] });
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const jobId = useRef<string | undefined>(undefined);

  const stop = useCallback(() => {
    subscription.current?.unsubscribe();
    subscription.current = undefined;
    clearTimeout(timer.current);
    timer.current = undefined;
  }, []);

  const patch = useCallback((change: (run: FollowedRecovery) => FollowedRecovery) => setState((s) => (s.status === 'following' ? { status: 'following', run: change(s.run) } : s)), []);

  const flush = useCallback(() => {
    timer.current = undefined;
    const p = pending.current;
    pending.current = { failures: [] };
    patch((run) => {
      const next: FollowedRecovery = {
        ...run,
        progress: p.progress ?? run.progress,
        lastFile: p.lastFile ?? run.lastFile,
        failures: p.failures.length > 0 ? [...run.failures, ...p.failures].slice(0, FAILURES_SHOWN) : run.failures,
      };
      if (!p.done) return next;
      return { ...next, job: p.done.job, report: p.done.report ?? run.report, progress: p.done.job.progress ?? next.progress, cancelling: false, reconnecting: false };
    });
  }, [patch]);

  const follow = useCallback(
    (job: RecoveryJob) => {
      stop();
      jobId.current = job.id;
      pending.current = { failures: [] };
      setState({ status: 'following', run: { job, progress: job.progress, failures: [], cancelling: false, reconnecting: false } });
      const files = (job.progress?.filesTotal ?? 0) <= EVERY_FILE_UP_TO ? 'all' : 'failed';
      subscription.current = client.recovery.events.subscribe(
        { jobId: job.id, files },
        {
          onData: ({ data }: { data: RecoveryEvent }) => {
            const p = pending.current;
            if (data.type === 'progress') p.progress = data.progress;
            else if (data.type === 'file') {
              p.lastFile = data.file;
              if (data.file.outcome === 'failed') p.failures.push({ findingId: data.file.findingId, name: data.file.name, reason: data.file.reason ?? 'The agent did not say why.' });
            } else p.done = { job: data.job, ...(data.report ? { report: data.report } : {}) };
            if (data.type === 'done') {
              clearTimeout(timer.current);
              flush();
              stop();
            } else if (!timer.current) timer.current = setTimeout(flush, FLUSH_MS);
          },
          onError: (error) => patch((run) => ({ ...run, problem: plainError(error, agentUrl) })),
          onConnectionStateChange: (s) => patch((run) => ({ ...run, reconnecting: s.state === 'connecting' && s.error !== null })),
        },
      );
    },
    [client, agentUrl, flush, patch, stop],
  );

  /** Starts a recovery of `selection` into `destination`; the job once the agent took it. */
  const start = useCallback(
    async (scanId: string, selection: RecoverySelection, count: number, destination: string, unlock: () => Promise<boolean> = async () => false): Promise<RecoveryJob | undefined> => {
      stop();
      setState({ status: 'starting', count });
      try {
        const job = await withPassword(() => client.recovery.startJob.mutate({ scanId, destination, ...selection }), unlock);
        follow(job);
        return job;
      } catch (error) {
        setState({ status: 'error', message: plainError(error, agentUrl) });
        return undefined;
      }
    },
    [client, agentUrl, follow, stop],
  );

  /** Follows a job started before (running or finished); false when the agent does not know it. */
  const resume = useCallback(
    async (id: string): Promise<boolean> => {
      const job = await client.recovery.get.query({ jobId: id }).catch(() => undefined);
      if (job) follow(job);
      return job !== undefined;
    },
    [client, follow],
  );

  const cancel = useCallback(async () => {
    const id = jobId.current;
    if (!id) return;
    patch((run) => ({ ...run, cancelling: true, problem: undefined }));
    try {
      await client.recovery.cancel.mutate({ jobId: id });
    } catch (error) {
      // Refused because it ended meanwhile: the done event says how; otherwise say why.
      patch((run) => ({ ...run, cancelling: false, ...(run.job.status === 'running' ? { problem: plainError(error, agentUrl) } : {}) }));
    }
  }, [client, agentUrl, patch]);

  useEffect(() => stop, [stop]);
  return { state, start, resume, cancel };
}
