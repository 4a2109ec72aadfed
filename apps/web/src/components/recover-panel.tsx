'use client';
import type { ScanStatus } from '@afterimage/contracts';
import { useState } from 'react';
import { useAgent } from '../lib/agent-context';
import type { Results } from '../lib/use-results';
import { usePastRecoveries } from '../lib/use-past-recoveries';
import { useRecovery } from '../lib/use-recovery';
import { Notice } from './notice';
import { PastRecoveries } from './past-recoveries';
import { RecoverForm } from './recover-form';
import { RecoveryProgress } from './recovery-progress';
import { RecoverySummary } from './recovery-summary';

/** Step 4: where to, the button, the wait, then the verified summary (or the agent's refusal, in its words). */
export function RecoverPanel({ scanId, status, results, onNeedsPassword }: { scanId: string; status: ScanStatus | undefined; results: Results; onNeedsPassword?: () => Promise<boolean> }) {
  const { client, agentUrl, defaultDestination } = useAgent();
  const recovery = useRecovery(client, agentUrl);
  const [destination, setDestination] = useState(defaultDestination);
  const past = usePastRecoveries(client, scanId, recovery.state.status);
  const busy = recovery.state.status === 'preparing' || recovery.state.status === 'running';
  const total = results.pages.total ?? 0;

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
        <RecoverForm
          destination={destination}
          onDestination={setDestination}
          count={results.chosen}
          busy={busy}
          onRecover={() => void recovery.recover(scanId, results.chosen, results.idsForRecovery, destination.trim(), onNeedsPassword)}
        />
      )}
      <RecoveryProgress state={recovery.state} destination={destination.trim()} />
      {recovery.state.status === 'done' && <RecoverySummary report={recovery.state.report} />}
      {recovery.state.status === 'error' && (
        <Notice tone="error" title="Nothing was recovered." testId="recovery-error">
          <p>{recovery.state.message}</p>
        </Notice>
      )}
      {(recovery.state.status === 'idle' || recovery.state.status === 'error') && <PastRecoveries jobs={past} />}
    </>
  );
}
