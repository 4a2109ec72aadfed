import type { RecoveryJob } from '@afterimage/contracts';
import { formatCount } from '../lib/format';

/** Recoveries of this scan the agent remembers, including one still running after the page was left. */
export function PastRecoveries({ jobs }: { jobs: RecoveryJob[] }) {
  if (jobs.length === 0) return null;
  return (
    <div className="past" data-testid="past-recoveries">
      <p className="field-label">Recovered from this scan before</p>
      <ul>
        {jobs.map((j) => (
          <li key={j.id} data-status={j.status}>
            {j.status === 'running'
              ? `Recovering into ${j.destination} now…`
              : j.status === 'failed'
                ? `Into ${j.destination}: failed (${j.error ?? 'no reason given'})`
                : `${formatCount(j.recovered ?? 0)} recovered and verified into ${j.destination}${j.failed ? `, ${formatCount(j.failed)} failed` : ''} — see report.json there`}
          </li>
        ))}
      </ul>
    </div>
  );
}
