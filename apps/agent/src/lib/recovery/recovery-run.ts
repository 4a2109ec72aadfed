import { join } from 'node:path';
import type { Finding, RecoveryEvent, RecoveryJob, RecoveryReport } from '@afterimage/contracts';
import { errorMessage } from '@afterimage/contracts';
import { EventLog } from '../event-log.js';
import { recoverFiles, type FileOutcome, type RecoverOptions } from '../recover-files.js';
import type { RecoveriesRepo } from '../store/recoveries-repo.js';

const PROGRESS_EVERY_MS = 150;

/** Why a run was stopped: asked to (cancelled), or the agent is stopping (failed, saying so). */
export type StopReason = 'cancel' | 'shutdown';

/**
 * One recovery in the background: recoverFiles with each file's outcome and the bytes written going
 * to a numbered event log (replayed to any subscriber from any id), its progress, and how it ended
 * stored with its report.
 */
export class RecoveryRun {
  readonly log = new EventLog<RecoveryEvent>();
  private job: RecoveryJob;
  private readonly abort = new AbortController();
  private stopReason?: StopReason;
  private lastProgressAt = 0;
  /** Sizes of the files done (verified or failed). */
  private doneBytes = 0;
  /** Bytes written so far of each file being copied (a recovery copies a few side by side). */
  private readonly inHand = new Map<string, number>();
  report?: RecoveryReport;
  /** Why it failed, as thrown (a ServiceError keeps its code for recover()). */
  error?: unknown;
  ended: Promise<void> = Promise.resolve();

  constructor(
    job: RecoveryJob,
    private readonly repo: RecoveriesRepo,
  ) {
    this.job = job;
  }

  get state(): RecoveryJob {
    return structuredClone(this.job);
  }

  get running(): boolean {
    return this.job.status === 'running';
  }

  /** Runs recoverFiles; `release` closes what it reads once it is over. */
  start(options: Omit<RecoverOptions, 'signal' | 'onFile' | 'onBytes'>, release: () => Promise<void>): void {
    this.ended = recoverFiles({ ...options, signal: this.abort.signal, onFile: (o) => this.file(o), onBytes: (n, finding) => this.bytes(n, finding) })
      .then(
        (report) => this.finish(report),
        (error: unknown) => this.finish(undefined, error),
      )
      .finally(() => release().catch(() => undefined));
  }

  /** Stops the run at the next chunk and waits for it to end. */
  async stop(reason: StopReason): Promise<void> {
    if (this.running) {
      this.stopReason ??= reason;
      this.abort.abort(new Error(`recovery ${reason}`));
    }
    await this.ended;
  }

  private bytes(n: number, finding: Finding): void {
    this.inHand.set(finding.id, Math.min(finding.size, (this.inHand.get(finding.id) ?? 0) + n));
    this.update({ current: finding.name });
  }

  private file({ finding, path, outcome, reason }: FileOutcome): void {
    this.log.push({ type: 'file', file: { findingId: finding.id, name: finding.name, path, size: finding.size, outcome, ...(reason ? { reason } : {}) } });
    if (outcome === 'written') return;
    this.doneBytes += finding.size;
    this.inHand.delete(finding.id);
    const p = this.job.progress;
    if (p) this.update(outcome === 'verified' ? { recovered: p.recovered + 1, filesDone: p.filesDone + 1 } : { failed: p.failed + 1, filesDone: p.filesDone + 1 });
  }

  private handBytes(): number {
    let sum = 0;
    for (const n of this.inHand.values()) sum += n;
    return sum;
  }

  private update(change: Partial<NonNullable<RecoveryJob['progress']>>, force = false): void {
    const before = this.job.progress;
    if (!before) return;
    const { current: _, ...kept } = before;
    this.job.progress = { ...kept, ...change, bytesDone: Math.min(before.bytesTotal, this.doneBytes + this.handBytes()) };
    const now = Date.now();
    if (force || now - this.lastProgressAt >= PROGRESS_EVERY_MS) {
      this.lastProgressAt = now;
      this.log.push({ type: 'progress', progress: structuredClone(this.job.progress) });
    }
  }

  private finish(report: RecoveryReport | undefined, error?: unknown): void {
    const status = error !== undefined ? 'failed' : this.stopReason === 'cancel' ? 'cancelled' : this.stopReason === 'shutdown' ? 'failed' : 'done';
    const message =
      error !== undefined ? errorMessage(error) : this.stopReason === 'shutdown' ? 'The agent stopped during this recovery; report.json lists the files verified before.' : undefined;
    this.error = error;
    this.report = report;
    this.update({}, true);
    this.job = {
      ...this.job,
      status,
      finishedAt: new Date().toISOString(),
      ...(report ? { recovered: report.files.length, failed: report.failed.length, reportPath: join(report.destination, 'report.json'), csvPath: join(report.destination, 'report.csv') } : {}),
      ...(message ? { error: message } : {}),
    };
    try {
      this.repo.finish(this.job, report);
    } catch {
      // The store is closed (the agent stopped without shutdown): the next start marks the job failed.
    }
    this.log.push({ type: 'done', job: this.state, ...(report ? { report } : {}) });
    this.log.close();
  }
}
