import type { NumberedScanEvent, ScanState } from '@afterimage/contracts';

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

/**
 * A stored scan (not running here) without its findings: its last progress and its end, under the
 * ids of the full replay (the findings come first there). The end comes even after a lastEventId
 * past it: a live scan's ids and a replay's differ, and a client asking about a finished scan must
 * hear that it is finished.
 */
export async function* storedProgress(state: ScanState, findingCount: number, lastEventId: string | null | undefined): AsyncGenerator<NumberedScanEvent> {
  const after = lastEventId ? Number(lastEventId) : -1;
  if (!(after >= findingCount)) yield { id: String(findingCount), event: { type: 'progress', progress: state.progress } };
  yield { id: String(findingCount + 1), event: { type: 'done', state } };
}
