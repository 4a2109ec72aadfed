import type { Numbered } from './event-log.js';

/** Events numbered in order from `firstId`. */
export function* numbered<E>(events: Iterable<E>, firstId = 0): Generator<Numbered<E>> {
  let id = firstId;
  for (const event of events) yield { id: String(id++), event };
}

/**
 * A stored job's events (it no longer runs in this agent) replayed to a subscriber: those with an
 * id above `lastEventId` (all without one), then `end` when given, whatever `lastEventId` says: the
 * ids of a live job's stream and of a replay differ, and a client that asks about a finished job
 * must hear that it is finished.
 */
export async function* replayStored<E>(events: Iterable<Numbered<E>>, lastEventId: string | null | undefined, end?: Numbered<E>): AsyncGenerator<Numbered<E>> {
  const after = lastEventId ? Number(lastEventId) : -1;
  for (const numbered of events) if (Number(numbered.id) > after) yield numbered;
  if (end) yield end;
}
