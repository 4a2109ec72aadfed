import type { AccessTokenSource } from '@afterimage/cloud-adapters';
import { ServiceError, type AddBackupTarget, type BackupEvent, type BackupEventsInput, type BackupJobState, type BackupRunRequest, type BackupStatus, type BackupTargetConfig, type TrashListRequest, type TrashRestoreRequest } from '@afterimage/contracts';
import type { Numbered } from '../event-log.js';
import type { Db } from '../store/open-store.js';
import { BackupJobs } from './backup-jobs.js';
import { JobsRepo } from './jobs-repo.js';
import { LedgerRepo } from './ledger-repo.js';
import { backupStatus } from './policy.js';
import { recoveredPhotos } from './recovered-photos.js';
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
}

/** Backups behind the agent's services: targets, the 3-2-1 ledger and status, backup jobs, trash. */
export class BackupService {
  readonly targets: BackupTargets;
  readonly ledger: LedgerRepo;
  readonly sessions: UploadSessions;
  private readonly jobs: BackupJobs;

  constructor(private readonly options: BackupServiceOptions) {
    const { store } = options;
    const { tokens, accountProvider, env, createTarget: create } = options;
    this.targets = new BackupTargets(store, { ...(tokens ? { tokens } : {}), ...(accountProvider ? { accountProvider } : {}), ...(env ? { env } : {}), ...(create ? { create } : {}) });
    this.ledger = new LedgerRepo(store);
    this.sessions = new UploadSessions(store);
    this.jobs = new BackupJobs({ photos: () => recoveredPhotos(store), targets: this.targets, ledger: this.ledger, sessions: this.sessions, jobs: new JobsRepo(store) });
  }

  listTargets(): BackupTargetConfig[] {
    return this.targets.list();
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

  async status(): Promise<BackupStatus> {
    return backupStatus(await recoveredPhotos(this.options.store), this.ledger.all(), this.targets.list());
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

  /** Backup jobs that were running when the agent stopped go on. */
  resumeInterrupted(): Promise<string[]> {
    return this.jobs.resumeInterrupted();
  }

  /** Stops running jobs where they are, to go on at the next start. */
  shutdown(): Promise<void> {
    return this.jobs.shutdown();
  }
}
