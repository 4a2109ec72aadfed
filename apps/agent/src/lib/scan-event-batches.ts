import type { Finding, NumberedScanBatchEvent, NumberedScanEvent } from '@afterimage/contracts';
import { MAX_FINDINGS_PER_EVENT } from '@afterimage/contracts';

/**
 * A scan's event stream with its findings grouped (scans.eventBatches): the findings that reached
 * the log together — the runner publishes each store batch at once (finding-batch.ts) — go out as
 * one 'findings' event of up to `max`, carrying the id of its last finding, so a client resumes
 * after it as it would after that finding in scans.events. Progress and done pass as they are, in
 * order: a batch never jumps over a progress event.
 */
export async function* batchScanEvents(chunks: AsyncIterable<readonly NumberedScanEvent[]>, max = MAX_FINDINGS_PER_EVENT): AsyncGenerator<NumberedScanBatchEvent> {
  for await (const chunk of chunks) {
    let findings: Finding[] = [];
    let lastId = '';
    const batch = (): NumberedScanBatchEvent => {
      const event: NumberedScanBatchEvent = { id: lastId, event: { type: 'findings', findings } };
      findings = [];
      return event;
    };
    for (const { id, event } of chunk) {
      if (event.type === 'finding') {
        findings.push(event.finding);
        lastId = id;
        if (findings.length >= max) yield batch();
        continue;
      }
      if (findings.length > 0) yield batch();
      yield { id, event };
    }
    if (findings.length > 0) yield batch();
  }
}

/** A finished stream (a stored scan's replay) as one chunk: its findings go out `max` at a time. */
export async function* oneChunk(events: AsyncIterable<NumberedScanEvent>): AsyncGenerator<NumberedScanEvent[]> {
  const all: NumberedScanEvent[] = [];
  for await (const event of events) all.push(event);
  yield all;
}
