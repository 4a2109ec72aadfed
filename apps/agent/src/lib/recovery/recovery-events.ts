import type { RecoveryEvent, RecoveryEventsInput } from '@afterimage/contracts';
import type { Numbered } from '../event-log.js';
import { replayStored } from '../replay-stored.js';
import type { StoredRecovery } from '../store/recoveries-repo.js';

/** A recovery's events with only the file events asked for (all, the failed ones, or none). */
export async function* withFiles(events: AsyncIterable<Numbered<RecoveryEvent>>, files: RecoveryEventsInput['files'] = 'all'): AsyncGenerator<Numbered<RecoveryEvent>> {
  for await (const numbered of events) {
    const { event } = numbered;
    if (event.type === 'file' && (files === 'none' || (files === 'failed' && event.file.outcome !== 'failed'))) continue;
    yield numbered;
  }
}

/** A recovery this agent no longer holds (it ran before a restart), replayed as its last progress and its end. */
export const replayStoredRecovery = ({ job, report }: StoredRecovery, lastEventId: string | null | undefined) =>
  replayStored<RecoveryEvent>(job.progress ? [{ id: '0', event: { type: 'progress', progress: job.progress } }] : [], lastEventId, { id: '1', event: { type: 'done', job, ...(report ? { report } : {}) } });
