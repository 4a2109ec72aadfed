'use client';
import type { ScanStatus } from '@afterimage/contracts';
import { useState } from 'react';
import { useAgent } from '../lib/agent-context';
import type { Results } from '../lib/use-results';
import { usePastRecoveries } from '../lib/use-past-recoveries';
import { useRecoveryAddress } from '../lib/use-recovery-address';
import { useRecoveryJob } from '../lib/use-recovery-job';
import { Notice } from './notice';
import { PastRecoveries } from './past-recoveries';
import { RecoverForm } from './recover-form';
import { RecoveryProgress } from './recovery-progress';
import { RecoverySummary } from './recovery-summary';

/**
 * Step 4: where to, the button, the recovery as it goes (a job the agent runs: this page can be left
 * and opened again), then the verified summary (or the agent's refusal, in its words).
 */
export function RecoverPanel({ scanId, status, results, onNeedsPassword }: { scanId: string; status: ScanStatus | undefined; results: Results; onNeedsPassword?: () => Promise<boolean> }) {
  const { client, agentUrl, defaultDestination } = useAgent();
  const recovery = useRecoveryJob(client, agentUrl);
  const remember = useRecoveryAddress(client, scanId, recovery.resume);
  const [destination, setDestination] = useState(defaultDestination);
  const { state } = recovery;
  const run = state.status === 'following' ? state.run : undefined;
  const running = run?.job.status === 'running';
  const past = usePastRecoveries(client, scanId, `${state.status}:${run?.job.status ?? ''}`).filter((j) => j.id !== run?.job.id);
  const busy = state.status === 'starting' || running;
  const total = results.pages.total ?? 0;

  const recover = async () => {
    const job = await recovery.start(scanId, results.forRecovery(), results.chosen, destination.trim(), onNeedsPassword);
    if (job) remember(job.id);
  };

  if (status === 'running' || status === undefined) {
    return (
      <>
        <Notice tone="empty" testId="recover-wait">
          <p>{status === 'running' ? 'Recovery opens when the scan is finished (or paused). Copies go to a folder you choose, with a report of every file and its hash.' : 'Loading…'}</p>
        </Notice>
        <PastRecoveries jobs={past} />
      </>
    );
  }
  return (
    <>
      {total === 0 && !results.filtered ? (
        <Notice tone="empty">
          <p>There is nothing to recover from this scan.</p>
        </Notice>
      ) : (
        <RecoverForm destination={destination} onDestination={setDestination} count={results.chosen} busy={busy} onRecover={() => void recover()} />
      )}
      {state.status === 'starting' && (
        <p className="progress-status" data-testid="recovery-starting" aria-live="polite">
          Checking the folder and gathering the chosen photos…
        </p>
      )}
      {run && <RecoveryProgress run={run} onCancel={() => void recovery.cancel()} />}
      {run?.report && !running && <RecoverySummary report={run.report} />}
      {state.status === 'error' && (
        <Notice tone="error" title="Nothing was recovered." testId="recovery-error">
          <p>{state.message}</p>
        </Notice>
      )}
      {!busy && <PastRecoveries jobs={past} />}
    </>
  );
}
