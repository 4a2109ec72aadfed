import { Worker } from 'node:worker_threads';
import type { ByteRun, Finding } from '@afterimage/contracts';
import { ServiceError } from '@afterimage/contracts';
import { errorFrom, SCAN_THREAD_LIMITS, scanThreadScript, type ScanOrder, type ScanReport, type ScanThreadData, type ScanThreadHooks, type ThreadMessage } from './protocol.js';

/** What a scan on the thread reports to the main thread, in the order it happened there. */
export interface ScanHandlers {
  progress(progress: { bytesDone: number; bytesTotal: number }): void;
  finding(finding: Finding): void;
  checkpoint(checkpoint: unknown): void;
  unreadable(area: ByteRun, cause: Error): void;
  /** A read the thread made failed with a media error; the thread's scan waits until this resolves. */
  readFailed(offset: number, length: number, cause: Error): Promise<void>;
}

/** The scanning thread died (a crash, out of memory) under a running scan. */
export class ScanThreadStoppedError extends Error {}

interface Running {
  readonly worker: Worker;
  readonly handlers: ScanHandlers;
  readonly signal: AbortSignal;
  /** Aborted (or a handler failed): what the thread still reports is dropped, as if the scan had stopped there. */
  stopped: boolean;
  settle(error?: unknown): void;
  /** No longer listens to the scan's signal. */
  detach(): void;
}

export interface ScanThreadOptions {
  /** Tests only: a module whose wrapSource(source, file, data) wraps each scan's image in the thread. */
  readonly hooks?: ScanThreadHooks;
}

/**
 * The agent's scanning thread, seen from the main thread: a long-lived worker (scan-thread-worker.ts)
 * that runs the carve engine for image scans, so the thread serving requests only stores and publishes
 * what it finds. Scans are keyed by a number of their own; several may run at once. When the worker
 * dies, its running scans fail saying so and the next scan starts a new one. close() ends it and leaves
 * its running scans unsettled: stored as running, they go on from their checkpoints at the next start.
 */
export class ScanThread {
  private worker: Worker | undefined;
  private readonly scans = new Map<number, Running>();
  private readonly warming: ((result: { findings: number; error?: string }) => void)[] = [];
  private nextId = 0;
  private closed = false;
  /** Scans sent to a thread so far. */
  scansSent = 0;

  constructor(private readonly options: ScanThreadOptions = {}) {}

  /** Starts the worker if none runs (it loads its modules at once). */
  start(): Worker {
    if (this.closed) throw new ServiceError('CONFLICT', 'The agent is stopping; it takes no new scan.');
    if (this.worker) return this.worker;
    const { script, entry } = scanThreadScript();
    const workerData: ScanThreadData = { ...(entry ? { entry } : {}), ...(this.options.hooks ? { hooks: this.options.hooks } : {}) };
    const worker = new Worker(script, { workerData, resourceLimits: SCAN_THREAD_LIMITS });
    worker.on('message', (message: ThreadMessage) => this.receive(worker, message));
    worker.on('error', (error) => this.died(worker, error.message));
    worker.on('exit', (code) => this.died(worker, `it ended with exit code ${code}`));
    this.worker = worker;
    this.holdIfBusy();
    return worker;
  }

  /** Scans the warm-up image on the thread; resolves with how many findings it gave, or why it did not. */
  warm(timeoutMs = 30_000): Promise<{ findings: number; error?: string }> {
    const worker = this.start();
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve({ findings: 0, error: `no answer in ${timeoutMs} ms` }), timeoutMs).unref();
      this.warming.push((result) => {
        clearTimeout(timer);
        resolve(result);
      });
      this.holdIfBusy();
      worker.postMessage({ type: 'warm' });
    });
  }

  /** Runs a scan on the thread; resolves when it is done, rejects when it failed or was aborted. */
  scan(order: Omit<ScanOrder, 'type' | 'scanId'>, handlers: ScanHandlers, signal: AbortSignal): Promise<void> {
    if (signal.aborted) return Promise.reject(signal.reason);
    let worker: Worker;
    try {
      worker = this.start();
    } catch (error) {
      return Promise.reject(error);
    }
    const scanId = ++this.nextId;
    this.scansSent++;
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        entry.stopped = true;
        worker.postMessage({ type: 'abort', scanId });
      };
      const entry: Running = {
        worker,
        handlers,
        signal,
        stopped: false,
        detach: () => signal.removeEventListener('abort', onAbort),
        settle: (error?: unknown) => {
          entry.detach();
          this.scans.delete(scanId);
          this.holdIfBusy();
          if (error === undefined) resolve();
          else reject(error);
        },
      };
      this.scans.set(scanId, entry);
      signal.addEventListener('abort', onAbort, { once: true });
      this.holdIfBusy();
      worker.postMessage({ type: 'scan', scanId, ...order } satisfies ScanOrder);
    });
  }

  /** Ends the thread; its running scans are left as they are (see the class). */
  async close(): Promise<void> {
    this.closed = true;
    const worker = this.worker;
    this.worker = undefined;
    for (const scan of this.scans.values()) scan.detach();
    this.scans.clear();
    await worker?.terminate();
  }

  private receive(worker: Worker, message: ThreadMessage): void {
    if (message.type === 'warmed') {
      this.warming.shift()?.({ findings: message.findings, ...(message.error ? { error: message.error } : {}) });
      this.holdIfBusy();
      return;
    }
    const scan = this.scans.get(message.scanId);
    if (!scan || scan.worker !== worker) return;
    for (const report of message.reports) this.apply(message.scanId, scan, report);
  }

  private apply(scanId: number, scan: Running, report: ScanReport): void {
    if (report.type === 'end') {
      if (report.how === 'failed') scan.settle(new Error(report.message));
      // A scan stopped from here is stopped, even when the thread had got to its end first: what it reported after was dropped.
      else if (report.how === 'aborted' || scan.stopped) scan.settle(scan.signal.reason ?? new Error('The scan was stopped.'));
      else scan.settle();
      return;
    }
    if (report.type === 'read-failed') {
      const answer = () => scan.worker.postMessage({ type: 'read-checked', scanId, ask: report.ask });
      if (scan.stopped) answer();
      else void scan.handlers.readFailed(report.offset, report.length, errorFrom(report.error)).finally(answer);
      return;
    }
    if (scan.stopped) return;
    try {
      if (report.type === 'progress') scan.handlers.progress({ bytesDone: report.bytesDone, bytesTotal: report.bytesTotal });
      else if (report.type === 'finding') scan.handlers.finding(report.finding);
      else if (report.type === 'checkpoint') scan.handlers.checkpoint(report.checkpoint);
      else scan.handlers.unreadable(report.area, errorFrom(report.error));
    } catch (error) {
      // Storing or publishing failed: the scan fails with that error, as it would in this thread.
      scan.stopped = true;
      scan.worker.postMessage({ type: 'abort', scanId });
      scan.settle(error);
    }
  }

  /** A running scan or warm-up keeps the process alive, an idle thread does not. */
  private holdIfBusy(): void {
    if (this.scans.size > 0 || this.warming.length > 0) this.worker?.ref();
    else this.worker?.unref();
  }

  private died(worker: Worker, why: string): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    const error = new ScanThreadStoppedError(`The scanning thread stopped: ${why}. Start the scan again.`);
    for (const scan of [...this.scans.values()]) scan.settle(error);
    for (const resolve of this.warming.splice(0)) resolve({ findings: 0, error: error.message });
  }
}
