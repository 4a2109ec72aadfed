'use client';
import { useEffect, useState } from 'react';
import { formatCount, formatDuration } from '../lib/format';
import type { RecoveryState } from '../lib/use-recovery';

/** While the agent copies and checks: how many, where, for how long (it sends no finer progress). */
export function RecoveryProgress({ state, destination }: { state: RecoveryState; destination: string }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  if (state.status !== 'preparing' && state.status !== 'running') return null;
  const text =
    state.status === 'preparing'
      ? `Gathering the ${formatCount(state.count)} chosen photos…`
      : `Copying ${formatCount(state.count)} ${state.count === 1 ? 'photo' : 'photos'} to ${destination} and checking each copy’s SHA-256… ${formatDuration((now - state.startedAt) / 1000)}`;
  return (
    <div className="progress" data-testid="recovery-progress" aria-live="polite">
      <p className="progress-status">{text}</p>
      <div className="bar" role="progressbar" aria-label="Recovery in progress" aria-valuetext={text}>
        <div className="bar-fill is-indeterminate" />
      </div>
    </div>
  );
}
