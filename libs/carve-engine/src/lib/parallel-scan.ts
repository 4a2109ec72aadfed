import { throwIfAborted } from './errors.js';
import { clipRanges, fileEnd, fileStart, type ScanEvent, type ScanSettings } from './scan-settings.js';
import type { Segment } from './segments.js';
import { scanSequential } from './sequential-scan.js';
import type { ByteRun } from './types.js';
import { WorkerPool } from './worker-pool.js';
import type { ScanWorkerData } from './worker-protocol.js';

export interface ParallelScan {
  readonly settings: ScanSettings;
  /** The ranges left to scan (for the in-process rescans) and their segments. */
  readonly ranges: readonly ByteRun[];
  readonly segments: readonly Segment[];
  /** Scanning threads: this one and threads - 1 workers. */
  readonly threads: number;
  readonly workerData: Omit<ScanWorkerData, 'entry'>;
  /** Bytes of the ranges before the first segment (a resumed scan). */
  readonly bytesBefore: number;
  readonly from: number;
}

/**
 * Segments scanned by worker threads and this one, merged in offset order into exactly what one
 * sequential scan would yield. Each lane scans its segment as if the scan started there; the merge keeps `cursor`,
 * where the sequential scan would be: a worker's file starting before it lies inside a file already
 * yielded (an embedded thumbnail, or the tail of a file that began in the previous segment) and is
 * dropped. If a dropped file ran past the cursor, the worker skipped candidates the sequential scan
 * would have tried, so that stretch is scanned again here, in-process.
 */
export async function* scanParallel(plan: ParallelScan): AsyncGenerator<ScanEvent, void, undefined> {
  const { settings, segments } = plan;
  const { signal } = settings;
  const pool = new WorkerPool(segments, plan.threads, settings, plan.workerData, plan.threads * 2);
  const onAbort = (): void => pool.notify();
  signal?.addEventListener('abort', onAbort);
  try {
    let cursor = plan.from;
    for (let head = 0; head < segments.length; head++) {
      pool.advance(head);
      const state = pool.states[head];
      for (;;) {
        throwIfAborted(signal);
        if (pool.failure) throw pool.failure;
        if (state.taken < state.files.length) {
          const file = state.files[state.taken++];
          if (fileStart(file) >= cursor) {
            yield { type: 'file', file };
            cursor = fileEnd(file);
          } else if (fileEnd(file) > cursor) {
            const to = fileEnd(file);
            for await (const event of scanSequential(settings, clipRanges(plan.ranges, cursor, to), cursor)) {
              if (event.type !== 'file') continue;
              yield event;
              cursor = Math.max(cursor, fileEnd(event.file));
            }
            cursor = Math.max(cursor, to);
          }
          continue;
        }
        if (state.done) break;
        // Taken before the yield: a report that arrives while the consumer holds the yield still wakes us.
        const changed = pool.changed();
        yield { type: 'progress', bytesDone: plan.bytesBefore + pool.bytesDone() };
        await changed;
      }
      state.files.length = 0;
      yield { type: 'settled', position: Math.max(cursor, segments[head].end) };
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
    await pool.close();
  }
}
