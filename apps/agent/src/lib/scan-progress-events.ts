import type { Finding, NumberedScanEvent, ScanEvent, ScanState } from '@afterimage/contracts';
import { numbered, replayStored } from './replay-stored.js';

/** Whether an event carries findings (scans.events' 'finding'; a batch stream's 'findings'). */
const carriesFindings = (event: { type: string }) => event.type.startsWith('finding');

/**
 * A live scan's events without its findings (scans.events with findings: false), ids kept. The
 * events that were already logged when the subscriber came (ids below `logged`) are folded into the
 * latest progress among them, and the done event if the scan is over; later ones pass as they come.
 * A page that opens a running scan gets where it is at once, not its history.
 */
export async function* progressOnly(events: AsyncIterable<NumberedScanEvent>, logged: number): AsyncGenerator<NumberedScanEvent> {
  let latest: NumberedScanEvent | undefined;
  for await (const numbered of events) {
    const { id, event } = numbered;
    if (Number(id) < logged) {
      if (event.type === 'progress') latest = numbered;
      if (event.type === 'done' || Number(id) === logged - 1) {
        if (latest) yield latest;
        latest = undefined;
        if (event.type === 'done') yield numbered;
      }
      continue;
    }
    if (!carriesFindings(event)) yield numbered;
  }
}

/** A stored scan (not running here), replayed as its event stream: its findings, its last progress, its end. */
export function storedEvents(state: ScanState, findings: readonly Finding[], lastEventId: string | null | undefined): AsyncGenerator<NumberedScanEvent> {
  const events = function* (): Generator<ScanEvent> {
    for (const finding of findings) yield { type: 'finding', finding };
    yield { type: 'progress', progress: state.progress };
    yield { type: 'done', state };
  };
  return replayStored(numbered(events()), lastEventId);
}

/**
 * A stored scan (not running here) without its findings: its last progress and its end, under the
 * ids of the full replay (the findings come first there); the end comes whatever lastEventId says.
 */
export const storedProgress = (state: ScanState, findingCount: number, lastEventId: string | null | undefined) =>
  replayStored<ScanEvent>([{ id: String(findingCount), event: { type: 'progress', progress: state.progress } }], lastEventId, { id: String(findingCount + 1), event: { type: 'done', state } });
