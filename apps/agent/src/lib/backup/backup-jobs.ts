import { randomUUID } from 'node:crypto';
import { ServiceError, errorMessage, type BackupEvent, type BackupFile, type BackupJobState, type BackupRunRequest } from '@afterimage/contracts';
import { EventLog, type Numbered } from '../event-log.js';
import { replayStored } from '../replay-stored.js';
import { runCopies } from './backup-job.js';
import type { JobsRepo } from './jobs-repo.js';
import type { LedgerRepo } from './ledger-repo.js';
import type { BackupPlan, PlannedCopy } from './plan.js';
import type { BackupTargets } from './targets.js';
import type { UploadSessions } from './upload-sessions.js';

/** What the jobs need from the rest of the agent. */
export interface BackupJobsHost {
  /** What to copy now (job-plan.ts): the recovered files are checked, then the photos lacking something planned. */
  plan(signal: AbortSignal): Promise<BackupPlan>;
  /** How many photos there are, and how many meet 3-2-1 (after a job). */
  totals(): { photos: number; meets321: number };
  targets: BackupTargets;
  ledger: LedgerRepo;
  sessions: UploadSessions;
  jobs: JobsRepo;
}

interface Job {
  state: BackupJobState;
  log: EventLog<BackupEvent>;
  abort: AbortController;
  stopping?: 'cancel' | 'shutdown';
  /** Bytes of finished copies (what a resumed job starts from). */
  completedBytes: number;
  inflight: Map<PlannedCopy, number>;
  lastProgressAt: number;
  finished: Promise<void>;
}

const PROGRESS_EVERY_MS = 250;

/**
 * Backup jobs: each brings every recovered photo to 3-2-1 as far as the usable targets allow, in the
 * background, with per-file events a subscriber replays from any id. A job's state is kept in the
 * database after every file; one still running when the agent stops goes on when it starts again
 * (the ledger and the targets' own hash checks keep it from uploading anything twice).
 */
export class BackupJobs {
  private readonly live = new Map<string, Job>();

  constructor(private readonly host: BackupJobsHost) {}

  async start(request: BackupRunRequest): Promise<BackupJobState> {
    const running = [...this.live.values()].find((j) => j.state.status === 'running');
    if (running) return running.state;
    const state: BackupJobState = {
      id: `bak-${randomUUID().slice(0, 8)}`,
      status: 'running',
      startedAt: new Date().toISOString(),
      parallel: request.parallel ?? 4,
      progress: { filesTotal: 0, uploaded: 0, alreadyThere: 0, failed: 0, bytesTotal: 0, bytesDone: 0 },
      failures: [],
      notes: [],
      resumed: 0,
    };
    return this.launch(state, 0);
  }

  /** Goes on with the jobs that were running when the agent stopped; their failures are tried again. */
  async resumeInterrupted(): Promise<string[]> {
    const resumed: string[] = [];
    for (const saved of this.host.jobs.running()) {
      const { uploaded, alreadyThere, bytesDone } = saved.progress;
      const state: BackupJobState = { ...saved, resumed: saved.resumed + 1, failures: [], notes: [], progress: { uploaded, alreadyThere, failed: 0, filesTotal: uploaded + alreadyThere, bytesDone, bytesTotal: bytesDone } };
      await this.launch(state, bytesDone);
      resumed.push(state.id);
    }
    return resumed;
  }

  private async launch(state: BackupJobState, completedBytes: number): Promise<BackupJobState> {
    const job: Job = { state, log: new EventLog(), abort: new AbortController(), completedBytes, inflight: new Map(), lastProgressAt: 0, finished: Promise.resolve() };
    this.live.set(state.id, job);
    this.save(job);
    job.finished = this.run(job);
    return state;
  }

  private save(job: Job): void {
    this.host.jobs.save({ ...job.state, progress: { ...job.state.progress, bytesDone: job.completedBytes } });
  }

  private progress(job: Job, force: boolean): void {
    const inflight = [...job.inflight.values()].reduce((sum, n) => sum + n, 0);
    job.state = { ...job.state, progress: { ...job.state.progress, bytesDone: job.completedBytes + inflight } };
    const now = Date.now();
    if (!force && now - job.lastProgressAt < PROGRESS_EVERY_MS) return;
    job.lastProgressAt = now;
    job.log.push({ type: 'progress', progress: job.state.progress });
  }

  private onFile(job: Job, copy: PlannedCopy, file: BackupFile): void {
    job.inflight.delete(copy);
    const p = { ...job.state.progress };
    if (file.outcome === 'failed') p.failed++;
    else {
      if (file.outcome === 'uploaded') p.uploaded++;
      else p.alreadyThere++;
      job.completedBytes += file.size;
    }
    const failures = file.outcome === 'failed' ? [...job.state.failures, { sha256: file.sha256, name: file.name, targetId: file.targetId, path: file.path, reason: file.reason }] : job.state.failures;
    job.state = { ...job.state, progress: p, failures };
    job.log.push({ type: 'file', file });
    this.progress(job, true);
    this.save(job);
  }

  private async run(job: Job): Promise<void> {
    const { host } = this;
    try {
      const plan = await host.plan(job.abort.signal);
      const p = job.state.progress;
      job.state = {
        ...job.state,
        notes: plan.notes,
        progress: { ...p, filesTotal: p.filesTotal + plan.copies.length, bytesTotal: p.bytesTotal + plan.copies.reduce((sum, c) => sum + c.photo.size, 0) },
      };
      this.progress(job, true);
      this.save(job);
      await runCopies({
        copies: plan.copies,
        targetFor: (config) => host.targets.instance(config),
        ledger: host.ledger,
        sessions: host.sessions,
        parallel: job.state.parallel,
        signal: job.abort.signal,
        onFile: (file, copy) => this.onFile(job, copy, file),
        onCommitted: (copy, committed) => {
          job.inflight.set(copy, committed);
          this.progress(job, false);
        },
      });
      this.finish(job, { status: 'done', after: host.totals() });
    } catch (error) {
      if (job.stopping === 'shutdown') return job.log.close();
      if (job.stopping === 'cancel') return this.finish(job, { status: 'cancelled' });
      this.finish(job, { status: 'failed', error: `The backup stopped: ${errorMessage(error)}` });
    }
  }

  private finish(job: Job, end: Partial<BackupJobState>): void {
    job.inflight.clear();
    job.state = { ...job.state, ...end, finishedAt: new Date().toISOString() };
    this.progress(job, false);
    this.save(job);
    job.log.push({ type: 'done', state: job.state });
    job.log.close();
  }

  /** The job running now, if any. */
  running(): BackupJobState | undefined {
    return [...this.live.values()].find((j) => j.state.status === 'running')?.state;
  }

  /** The job running now, else the last one started (this run of the agent or an earlier one), else undefined. */
  current(): BackupJobState | undefined {
    return this.running() ?? this.host.jobs.recent(1)[0];
  }

  /** The newest `limit` jobs, newest first (a live job as it stands now). */
  recent(limit: number): BackupJobState[] {
    return this.host.jobs.recent(limit).map((saved) => this.live.get(saved.id)?.state ?? saved);
  }

  get(id: string): BackupJobState {
    const state = this.live.get(id)?.state ?? this.host.jobs.get(id);
    if (!state) throw new ServiceError('NOT_FOUND', `No backup job ${id}.`);
    return state;
  }

  async cancel(id: string): Promise<BackupJobState> {
    const job = this.live.get(id);
    if (!job || job.state.status !== 'running') throw new ServiceError('CONFLICT', `Backup job ${id} is not running.`);
    job.stopping = 'cancel';
    job.abort.abort();
    await job.finished;
    return job.state;
  }

  events(id: string, lastEventId: string | null | undefined, signal?: AbortSignal): AsyncGenerator<Numbered<BackupEvent>> {
    const job = this.live.get(id);
    if (job) return job.log.events(lastEventId, signal);
    return replayStored<BackupEvent>([{ id: '0', event: { type: 'done', state: this.get(id) } }], lastEventId);
  }

  /** The agent is stopping: running jobs stop where they are and stay 'running' in the database, to go on at the next start. */
  async shutdown(): Promise<void> {
    const running = [...this.live.values()].filter((j) => j.state.status === 'running');
    for (const job of running) {
      job.stopping = 'shutdown';
      job.abort.abort();
    }
    await Promise.all(running.map((j) => j.finished));
  }
}
