import type { BackupStatus } from '@afterimage/contracts';
import { Notice } from '../notice';
import { TargetRow } from './target-row';

/** The configured targets, with the photos each holds (counted by the agent) and the account each uses. */
export function TargetList({ status, accountLabel, locked, onRemove }: { status: BackupStatus; accountLabel: (id: string | undefined) => string | undefined; locked: boolean; onRemove: (targetId: string) => Promise<string | undefined> }) {
  if (status.targets.length === 0) {
    return (
      <Notice tone="empty" title="No backup targets yet." testId="targets-empty">
        <p>Add a folder on another drive, or a cloud, below. Each one holds a copy of every recovered photo.</p>
      </Notice>
    );
  }
  return (
    <ul className="target-list" data-testid="target-list">
      {status.targets.map((t) => (
        <TargetRow key={t.id} target={t} accountLabel={accountLabel(t.account) ?? t.accountTitle} photos={status.held[t.id] ?? 0} locked={locked} onRemove={() => onRemove(t.id)} />
      ))}
    </ul>
  );
}
