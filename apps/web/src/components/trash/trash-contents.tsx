import Link from 'next/link';
import type { TrashItem } from '@afterimage/contracts';
import type { TrashState } from '../../lib/use-trash';
import { Notice } from '../notice';
import { GooglePhotosSteps } from './google-photos-steps';
import { TrashTable, type TrashTableProps } from './trash-table';

/** The table, or a skeleton, an error, or an empty state that says why it is empty. */
export function TrashContents({ state, items, onRetry, ...table }: Omit<TrashTableProps, 'items'> & { state: TrashState; items: TrashItem[]; onRetry: () => void }) {
  if (state.status === 'loading') return <div className="skeleton-block" aria-busy aria-label="Reading the trash of each target" />;
  if (state.status === 'error') {
    return (
      <Notice tone="error" title="The trash could not be read." testId="trash-error">
        <p>{state.message}</p>
        <button type="button" className="btn btn-quiet" onClick={onRetry}>
          Try again
        </button>
      </Notice>
    );
  }
  if (state.targets.length === 0) {
    return (
      <Notice tone="empty" title="No backup targets yet." testId="trash-no-targets">
        <p>
          The trash of Google Drive, Dropbox and OneDrive shows here once you back up to them. <Link href="/backup">Add a target on the Backup page.</Link>
        </p>
        <GooglePhotosSteps />
      </Notice>
    );
  }
  if (items.length === 0) {
    const listable = state.targets.length - state.trash.unavailable.length;
    return (
      <Notice tone="empty" title="Nothing in the trash." testId="trash-empty">
        <p>{listable > 0 ? 'No deleted photos or videos in the trash of your targets.' : 'None of your targets has a trash Afterimage can list; see below why.'}</p>
      </Notice>
    );
  }
  return <TrashTable items={items} {...table} />;
}
