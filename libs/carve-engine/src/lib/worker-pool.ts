import { Worker } from 'node:worker_threads';
import { CarveError, isAbortError } from './errors.js';
import { RangeMeter, type ScanSettings } from './scan-settings.js';
import type { Segment } from './segments.js';
import { scanSequential } from './sequential-scan.js';
import type { CarvedFile } from './types.js';
import { scanWorkerScript, type ScanWorkerData, type SegmentTask, type WorkerReport } from './worker-protocol.js';

/**
 * A scan worker's heap: its young generation is kept small (V8's default lets it grow to tens of MB
 * between collections, which shows as RSS); what a worker keeps live is a few MB.
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 4 };

/** What the lanes have reported for one segment so far. */
export class SegmentState {
  readonly files: CarvedFile[] = [];
  /** Files already taken by the merge. */
  taken = 0;
  done = false;
  bytesDone = 0;
  readonly meter: RangeMeter;

  constructor(readonly segment: Segment) {
    this.meter = new RangeMeter(segment.ranges);
  }
}

/** Something that scans one segment at a time: a worker thread, or the calling thread itself. */
interface Lane {
  start(task: SegmentTask): void;
}

/**
 * Segments scanned in order of need by `threads` lanes: the calling thread (which would otherwise only
 * wait for the merge) and threads - 1 worker threads. At most `lookahead` segments past the one the merge
 * waits for are handed out, so results buffered ahead stay bounded. `changed()` resolves on the next
 * report; `failure` holds a lane's crash.
 */
export class WorkerPool {
  readonly states: SegmentState[];
  failure: CarveError | undefined;
  private readonly workers: Worker[] = [];
  private readonly idle: Lane[] = [];
  private nextSegment = 0;
  private head = 0;
  private wake: () => void = () => undefined;
  private pending: Promise<void>;
  private readonly local = new AbortController();
  private localRun: Promise<void> = Promise.resolve();

  constructor(
    segments: readonly Segment[],
    threads: number,
    private readonly settings: ScanSettings,
    data: Omit<ScanWorkerData, 'entry'>,
    private readonly lookahead: number,
  ) {
    this.states = segments.map((s) => new SegmentState(s));
    this.pending = this.renew();
    this.idle.push(this.localLane());
    const { script, entry } = scanWorkerScript();
    for (let i = 1; i < threads; i++) {
      const worker = new Worker(script, { workerData: { ...data, entry } satisfies ScanWorkerData, resourceLimits: WORKER_LIMITS });
      const lane: Lane = { start: (task) => worker.postMessage(task) };
      worker.on('message', (report: WorkerReport) => this.receive(lane, report));
      worker.on('error', (error) => this.fail(new CarveError(`a scan worker failed: ${error.message}`, { cause: error })));
      worker.on('exit', (code) => {
        if (code !== 0) this.fail(new CarveError(`a scan worker exited with code ${code}`));
      });
      this.workers.push(worker);
      this.idle.push(lane);
    }
    this.dispatch();
  }

  /** The merge now waits for segment `head`: hand out segments up to head + lookahead. */
  advance(head: number): void {
    this.head = head;
    this.dispatch();
  }

  changed(): Promise<void> {
    return this.pending;
  }

  /** Wakes a waiting merge (an abort). */
  notify(): void {
    const wake = this.wake;
    this.pending = this.renew();
    wake();
  }

  /** Bytes of the segments scanned so far (display only). */
  bytesDone(): number {
    return this.states.reduce((sum, s) => sum + (s.done ? s.segment.bytes : s.bytesDone), 0);
  }

  async close(): Promise<void> {
    this.local.abort();
    const workers = this.workers.splice(0);
    for (const worker of workers) worker.removeAllListeners('exit');
    await Promise.all([this.localRun, ...workers.map((w) => w.terminate())]);
  }

  private renew(): Promise<void> {
    return new Promise<void>((resolve) => {
      this.wake = resolve;
    });
  }

  /** The calling thread's lane: scans a segment through the caller's own source, between merge steps. */
  private localLane(): Lane {
    const lane: Lane = {
      start: (task) => {
        this.localRun = (async () => {
          const settings = { ...this.settings, signal: this.local.signal };
          try {
            for await (const event of scanSequential(settings, task.ranges, task.ranges[0]?.offset ?? 0)) {
              if (event.type === 'file') this.receive(lane, { type: 'file', id: task.id, file: event.file });
              else if (event.type === 'settled') this.receive(lane, { type: 'settled', id: task.id, position: event.position });
            }
            this.receive(lane, { type: 'done', id: task.id });
          } catch (error) {
            if (!this.local.signal.aborted || !isAbortError(error)) this.fail(new CarveError(`scanning segment ${task.id} failed`, { cause: error }));
          }
        })();
      },
    };
    return lane;
  }

  private dispatch(): void {
    while (this.idle.length > 0 && this.nextSegment < this.states.length && this.nextSegment <= this.head + this.lookahead && !this.local.signal.aborted) {
      const lane = this.idle.shift() as Lane;
      const id = this.nextSegment++;
      lane.start({ type: 'segment', id, ranges: this.states[id].segment.ranges });
    }
  }

  private receive(lane: Lane, report: WorkerReport): void {
    const state = this.states[report.id];
    if (report.type === 'file') state.files.push(report.file);
    else if (report.type === 'settled') state.bytesDone = state.meter.bytesBelow(report.position);
    else if (report.type === 'error') this.settings.onError?.(new CarveError(report.message, { cause: new Error(report.cause) }));
    else if (report.type === 'unreadable') this.settings.onUnreadable?.(report.area, Object.assign(new Error(report.message), report.code ? { code: report.code } : {}));
    else if (report.type === 'failed') this.fail(new CarveError(`a scan worker failed on segment ${report.id}: ${report.message}`));
    else {
      state.done = true;
      this.idle.push(lane);
      this.dispatch();
    }
    this.notify();
  }

  private fail(error: CarveError): void {
    this.failure ??= error;
    this.notify();
  }
}
