import type { AccessTokenSource } from '@afterimage/cloud-adapters';
import { ServiceError, type AddBackupTarget, type BackupAdapter, type BackupEvent, type BackupEventsInput, type BackupJobsRequest, type BackupJobState, type BackupRunRequest, type BackupStatus, type BackupStatusRequest, type BackupTargetConfig, type TrashListRequest, type TrashRestoreRequest } from '@afterimage/contracts';
import type { Numbered } from '../event-log.js';
import type { Db } from '../store/open-store.js';
import { adapterCatalog } from './adapter-catalog.js';
import { BackupJobs } from './backup-jobs.js';
import { planJob } from './job-plan.js';
import { indexRecoveries } from './recovered-index.js';
import { JobsRepo } from './jobs-repo.js';
import { LedgerRepo } from './ledger-repo.js';
import { StatusCounts, statusPage, statusTotals } from './status-page.js';
import { BackupTargets, type TargetFactory } from './targets.js';
import { listTrash, restoreTrash } from './trash.js';
import { UploadSessions } from './upload-sessions.js';

export interface BackupServiceOptions {
  store: Db;
  /** A signed-in account's tokens (the account store's tokenSourceFor); cloud targets need it. */
  tokens?: (accountId: string) => AccessTokenSource;
  /** The provider of a signed-in account, to check --account when a cloud target is added. */
  accountProvider?: (accountId: string) => Promise<string | undefined>;
  /** Where AFTERIMAGE_<KIND>_API is read (process.env by default). */
  env?: NodeJS.ProcessEnv;
  /** Makes a target from its config (the registry's adapters by default). */
  createTarget?: TargetFactory;
  /** How people know each signed-in account, by id (AccountService's titles): targets name theirs. */
  accountTitles?: () => Promise<ReadonlyMap<string, string>>;
}

/** Backups behind the agent's services: targets, the 3-2-1 ledger and status, backup jobs, trash. */
export class BackupService {
  readonly targets: BackupTargets;
  readonly ledger: LedgerRepo;
  readonly sessions: UploadSessions;
  private readonly jobs: BackupJobs;
  private readonly counts = new StatusCounts();

  constructor(private readonly options: BackupServiceOptions) {
    const { store } = options;
    const { tokens, accountProvider, env, createTarget: create } = options;
    this.targets = new BackupTargets(store, { ...(tokens ? { tokens } : {}), ...(accountProvider ? { accountProvider } : {}), ...(env ? { env } : {}), ...(create ? { create } : {}) });
    this.ledger = new LedgerRepo(store);
    this.sessions = new UploadSessions(store);
    this.jobs = new BackupJobs({
      plan: (signal) => planJob(store, this.targets, this.ledger, signal),
      totals: () => {
        const totals = statusTotals(store);
        return { photos: totals.photos, meets321: totals.meets321 };
      },
      targets: this.targets,
      ledger: this.ledger,
      sessions: this.sessions,
      jobs: new JobsRepo(store),
    });
  }

  listTargets(): BackupTargetConfig[] {
    return this.targets.list();
  }

  /** The targets with the title of the account each uses (a cloud's), for lists people read. */
  async namedTargets(): Promise<BackupTargetConfig[]> {
    const targets = this.targets.list();
    if (!targets.some((t) => t.account) || !this.options.accountTitles) return targets;
    const titles = await this.options.accountTitles().catch(() => new Map<string, string>());
    return targets.map((t) => {
      const title = t.account ? titles.get(t.account) : undefined;
      return title ? { ...t, accountTitle: title } : t;
    });
  }

  adapters(): BackupAdapter[] {
    return adapterCatalog();
  }

  addTarget(input: AddBackupTarget): Promise<BackupTargetConfig> {
    return this.targets.add(input);
  }

  /** Forgets a target, its recorded copies and its upload sessions (its files stay where they are). */
  removeTarget(targetId: string): BackupTargetConfig {
    if (this.jobs.running()) throw new ServiceError('CONFLICT', 'A backup is running; cancel it (or let it finish) before removing a target.');
    const config = this.targets.remove(targetId);
    this.ledger.forgetTarget(targetId);
    this.sessions.forgetTarget(targetId);
    return config;
  }

  /** The totals of every photo and one page of them (status-page.ts). */
  async status(request: BackupStatusRequest = {}): Promise<BackupStatus> {
    return statusPage(this.options.store, this.ledger, await this.namedTargets(), request, this.counts);
  }

  /** The running job, else the last one, else null. */
  current(): BackupJobState | null {
    return this.jobs.current() ?? null;
  }

  list(request: BackupJobsRequest): BackupJobState[] {
    return this.jobs.recent(request.limit ?? 20);
  }

  start(request: BackupRunRequest): Promise<BackupJobState> {
    return this.jobs.start(request);
  }

  get(jobId: string): BackupJobState {
    return this.jobs.get(jobId);
  }

  cancel(jobId: string): Promise<BackupJobState> {
    return this.jobs.cancel(jobId);
  }

  events(input: BackupEventsInput, signal: AbortSignal | undefined): AsyncGenerator<Numbered<BackupEvent>> {
    return this.jobs.events(input.jobId, input.lastEventId, signal);
  }

  listTrash(request: TrashListRequest) {
    return listTrash(this.targets, request);
  }

  restoreTrash(request: TrashRestoreRequest) {
    return restoreTrash(this.targets, request);
  }

  /** Backup jobs that were running when the agent stopped go on; recoveries not counted yet are, in the background. */
  resumeInterrupted(): Promise<string[]> {
    void indexRecoveries(this.options.store).catch(() => undefined);
    return this.jobs.resumeInterrupted();
  }

  /** Stops running jobs where they are, to go on at the next start. */
  shutdown(): Promise<void> {
    return this.jobs.shutdown();
  }
}
