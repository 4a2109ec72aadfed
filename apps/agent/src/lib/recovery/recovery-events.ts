import type { RecoveryEvent, RecoveryEventsInput } from '@afterimage/contracts';
import type { Numbered } from '../event-log.js';
import type { StoredRecovery } from '../store/recoveries-repo.js';

/** A recovery's events with only the file events asked for (all, the failed ones, or none). */
export async function* withFiles(events: AsyncIterable<Numbered<RecoveryEvent>>, files: RecoveryEventsInput['files'] = 'all'): AsyncGenerator<Numbered<RecoveryEvent>> {
  for await (const numbered of events) {
    const { event } = numbered;
    if (event.type === 'file' && (files === 'none' || (files === 'failed' && event.file.outcome !== 'failed'))) continue;
    yield numbered;
  }
}

/**
 * A recovery this agent no longer holds (it ran before a restart), replayed as its last progress and
 * its end. The end comes even after a lastEventId past it: the ids of a live job's stream and of a
 * replay differ, and a client that asks about a finished job must hear that it is finished.
 */
export async function* replayStored({ job, report }: StoredRecovery, lastEventId: string | null | undefined): AsyncGenerator<Numbered<RecoveryEvent>> {
  const after = lastEventId ? Number(lastEventId) : -1;
  if (job.progress && after < 0) yield { id: '0', event: { type: 'progress', progress: job.progress } };
  yield { id: '1', event: { type: 'done', job, ...(report ? { report } : {}) } };
}
