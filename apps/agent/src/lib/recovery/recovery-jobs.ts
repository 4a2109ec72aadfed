import { randomUUID } from 'node:crypto';
import { isAbsolute, resolve } from 'node:path';
import type { RecoveryEvent, RecoveryEventsInput, RecoveryJob, RecoveryReport, RecoveryRequest, ScanState, Source } from '@afterimage/contracts';
import { ServiceError } from '@afterimage/contracts';
import { assertDestinationOffSource } from '../destination-guard.js';
import type { Numbered } from '../event-log.js';
import { assertRoomFor, type RecoverOptions } from '../recover-files.js';
import type { FindingsRepo } from '../store/findings-repo.js';
import type { Db } from '../store/open-store.js';
import { RecoveriesRepo } from '../store/recoveries-repo.js';
import { replayStoredRecovery, withFiles } from './recovery-events.js';
import { RecoveryRun } from './recovery-run.js';
import { selectFindings } from './recovery-selection.js';

/** How a recovery reads its source: a disk's bytes, or a folder's files one by one; closed when it ends. */
export interface RecoveryReader {
  options: Pick<RecoverOptions, 'source' | 'bytesOf' | 'forbidden' | 'sourceSize'>;
  close(): Promise<void>;
}

/** What recovery jobs need from the rest of the agent. */
export interface RecoveryHost {
  /** The scan's state (NOT_FOUND when there is none). */
  scan(scanId: string): Promise<ScanState>;
  source(id: string): Source;
  reader(source: Source, destination: string): Promise<RecoveryReader>;
}

/** A finished run stays in memory this long (its file events replayable), then its stored record answers. */
const KEEP_FINISHED_MS = 5 * 60_000;

/**
 * Recovery jobs: the request checked before anything is written (the scan, the destination off the
 * source, the selection, the room for it), then the files copied and verified in the background with
 * events any subscriber follows. Jobs are kept in the session database; one left running by an agent
 * that was killed is marked failed when the next one starts.
 */
export class RecoveryJobs {
  private readonly live = new Map<string, RecoveryRun>();
  private readonly repo: RecoveriesRepo;

  constructor(
    private readonly host: RecoveryHost,
    private readonly store: { db: Db; findings: FindingsRepo; version: string },
  ) {
    this.repo = new RecoveriesRepo(store.db);
    this.repo.failInterrupted();
  }

  async start(request: RecoveryRequest): Promise<RecoveryJob> {
    const scan = await this.host.scan(request.scanId);
    if (scan.status === 'running') throw new ServiceError('CONFLICT', 'The scan is still running; recover when it is done.');
    if (!isAbsolute(request.destination)) throw new ServiceError('BAD_REQUEST', `Give an absolute destination, not ${request.destination}.`);
    const destination = resolve(request.destination);
    const findings = selectFindings(this.store.db, this.store.findings, request);
    const source = this.host.source(scan.sourceId);
    await assertDestinationOffSource(source.path, destination);
    if ([...this.live.values()].some((run) => run.running && run.state.destination === destination)) {
      throw new ServiceError('CONFLICT', `A recovery is already writing into ${destination}; wait for it or choose another folder.`);
    }
    const reader = await this.host.reader(source, destination);
    try {
      await assertRoomFor(destination, findings);
    } catch (error) {
      await reader.close();
      throw error;
    }
    const bytesTotal = findings.reduce((sum, f) => sum + f.size, 0);
    const job: RecoveryJob = {
      id: `rec-${randomUUID().slice(0, 8)}`,
      scanId: scan.id,
      destination,
      status: 'running',
      startedAt: new Date().toISOString(),
      progress: { filesTotal: findings.length, filesDone: 0, recovered: 0, failed: 0, bytesTotal, bytesDone: 0 },
    };
    this.repo.start(job);
    const run = new RecoveryRun(job, this.repo);
    this.live.set(job.id, run);
    run.start({ ...reader.options, sourcePath: source.path, destination, findings, version: this.store.version }, () => reader.close());
    void run.ended.then(() => setTimeout(() => this.live.delete(job.id), KEEP_FINISHED_MS).unref());
    return run.state;
  }

  /** The report of a job once it is done; its error when it failed (a ServiceError keeps its code). */
  async outcome(jobId: string): Promise<RecoveryReport> {
    const run = this.live.get(jobId);
    if (!run) throw new ServiceError('NOT_FOUND', `No running recovery ${jobId}.`);
    await run.ended;
    if (run.error !== undefined) throw run.error;
    const state = run.state;
    if (state.status !== 'done' || !run.report) throw new ServiceError('CONFLICT', `The recovery was ${state.status === 'cancelled' ? 'cancelled' : 'stopped'}; ${state.reportPath ?? 'its report'} lists the files verified before.`);
    return run.report;
  }

  get(jobId: string): RecoveryJob {
    const job = this.live.get(jobId)?.state ?? this.repo.get(jobId)?.job;
    if (!job) throw new ServiceError('NOT_FOUND', `No recovery ${jobId}.`);
    return job;
  }

  /** Past and running recoveries, oldest first, with live progress for those running here. */
  list(): RecoveryJob[] {
    return this.repo.all().map((job) => this.live.get(job.id)?.state ?? job);
  }

  async cancel(jobId: string): Promise<RecoveryJob> {
    const run = this.live.get(jobId);
    const job = this.get(jobId);
    if (!run?.running) throw new ServiceError('CONFLICT', `Recovery ${jobId} is ${job.status}, not running.`);
    await run.stop('cancel');
    return run.state;
  }

  events(input: RecoveryEventsInput, signal?: AbortSignal): AsyncGenerator<Numbered<RecoveryEvent>> {
    const run = this.live.get(input.jobId);
    if (run) return withFiles(run.log.events(input.lastEventId, signal), input.files);
    const stored = this.repo.get(input.jobId);
    if (!stored) throw new ServiceError('NOT_FOUND', `No recovery ${input.jobId}.`);
    return replayStoredRecovery(stored, input.lastEventId);
  }

  /** The agent is stopping: running recoveries stop (failed, saying so; report.json lists what was verified). */
  async shutdown(): Promise<void> {
    await Promise.all([...this.live.values()].map((run) => run.stop('shutdown')));
  }
}
