import Link from 'next/link';
import type { BackupStatusState } from '../../lib/use-backup-status';
import { Notice } from '../notice';
import { BackupOverview } from './backup-overview';

/** The overview, or a skeleton while it loads, or what went wrong; an empty state without photos. */
export function BackupStatusPanel({ state, onRetry }: { state: BackupStatusState; onRetry: () => void }) {
  if (state.status === 'loading') return <div className="overview skeleton-block" aria-busy aria-label="Loading the 3-2-1 status" />;
  if (state.status === 'error') {
    return (
      <Notice tone="error" title="The 3-2-1 status could not be read." testId="backup-status-error">
        <p>{state.message}</p>
        <button type="button" className="btn btn-quiet" onClick={onRetry}>
          Try again
        </button>
      </Notice>
    );
  }
  if (state.data.totals.photos === 0) {
    return (
      <Notice tone="empty" title="No recovered photos yet." testId="backup-empty">
        <p>
          Photos you recover show up here. <Link href="/">Recover photos</Link> first; the recovered file is the first of the three copies.
        </p>
      </Notice>
    );
  }
  return <BackupOverview status={state.data} />;
}
