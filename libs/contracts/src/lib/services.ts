import type { Finding } from './finding.js';
import type { FindingsPage, FindingsPageRequest } from './findings-page.js';
import type { FindingFacets, FindingFacetsRequest, FindingIds, FindingIdsRequest } from './findings-facets.js';
import type { RecoveryEvent, RecoveryEventsInput } from './recovery-events.js';
import type { RecoveryJob, RecoveryReport, RecoveryRequest } from './recovery.js';
import type { ScanBatchEvent, ScanEvent, ScanEventsInput, ScanRequest, ScanState, Thumbnail, FindingRef } from './scan.js';
import type { AddFolderSource, AddImageSource, Source, UnlockSource } from './source.js';
import type { AddDeviceSource, Device } from './device.js';
import type { ImagingEvent, ImagingEventsInput, ImagingRequest, ImagingState } from './imaging.js';
import type { AddBackupTarget, BackupStatus, BackupStatusRequest, BackupTargetConfig } from './backup.js';
import type { BackupAdapter } from './backup-adapters.js';
import type { BackupEvent, BackupEventsInput, BackupJobsRequest, BackupJobState, BackupRunRequest } from './backup-job.js';
import type { TrashList, TrashListRequest, TrashPreview, TrashPreviewRequest, TrashRestoreRequest, TrashRestoreResult } from './trash.js';
import type { Account, AccountProviderInfo, SetAccountLabel, SignInStarted, SignInStatus, StartSignIn } from './accounts.js';

/** One event of a stream with the id a client resumes after (SSE Last-Event-ID). */
export interface Numbered<E> {
  id: string;
  event: E;
}
export type NumberedScanEvent = Numbered<ScanEvent>;
export type NumberedScanBatchEvent = Numbered<ScanBatchEvent>;

/**
 * What the agent implements behind the router. Methods throw ServiceError for failures a person
 * should read; anything else is reported as an internal error.
 */
export interface AgentServices {
  listSources(): Promise<Source[]>;
  addImageSource(input: AddImageSource): Promise<Source>;
  /**
   * A folder as a source: an iPhone backup (NEEDS_PASSWORD when it is encrypted and no password was
   * given, WRONG_PASSWORD when the one given does not open it; the password is kept in memory only)
   * or any other folder (Android's trashed and pending files, Recycle Bin items).
   */
  addFolderSource(input: AddFolderSource): Promise<Source>;
  /** Gives an encrypted backup source its password again (the agent forgets it when it stops). */
  unlockSource(input: UnlockSource): Promise<Source>;
  listDevices(): Promise<Device[]>;
  /** A disk or partition as a source, opened read-only. */
  addDeviceSource(input: AddDeviceSource): Promise<Source>;
  startScan(request: ScanRequest): Promise<ScanState>;
  cancelScan(scanId: string): Promise<ScanState>;
  /** Stops at the last checkpoint; resumeScan goes on from there. */
  pauseScan(scanId: string): Promise<ScanState>;
  resumeScan(scanId: string): Promise<ScanState>;
  getScan(scanId: string): Promise<ScanState>;
  listScans(): Promise<ScanState[]>;
  listFindings(scanId: string): Promise<Finding[]>;
  findingsPage(request: FindingsPageRequest): Promise<FindingsPage>;
  /** The ids of the findings that match a filter, in findings.page's order, a bounded page at a time. */
  findingIds(request: FindingIdsRequest): Promise<FindingIds>;
  /** What the filters can offer, with counts (each facet leaves its own part of the filter out). */
  findingFacets(request: FindingFacetsRequest): Promise<FindingFacets>;
  scanEvents(input: ScanEventsInput, signal: AbortSignal | undefined): AsyncIterable<NumberedScanEvent>;
  /**
   * scanEvents with the findings that came together in one event (see ScanBatchEventSchema); when
   * absent, the router sends each finding of scanEvents as a batch of one.
   */
  scanEventBatches?(input: ScanEventsInput, signal: AbortSignal | undefined): AsyncIterable<NumberedScanBatchEvent>;
  thumbnail(ref: FindingRef): Promise<Thumbnail>;
  /** Runs a recovery job and answers with its report when it is done (the CLI's recover). */
  recover(request: RecoveryRequest): Promise<RecoveryReport>;
  /** Past and running recoveries, oldest first. */
  listRecoveries(): Promise<RecoveryJob[]>;
  /** Checks the request (scan, destination, selection, free space), starts the recovery and answers with its job at once. */
  startRecovery(request: RecoveryRequest): Promise<RecoveryJob>;
  getRecovery(jobId: string): Promise<RecoveryJob>;
  /** Stops the recovery (the file being written is dropped); report.json lists what was verified until then. */
  cancelRecovery(jobId: string): Promise<RecoveryJob>;
  recoveryEvents(input: RecoveryEventsInput, signal: AbortSignal | undefined): AsyncIterable<Numbered<RecoveryEvent>>;
  startImaging(request: ImagingRequest): Promise<ImagingState>;
  getImaging(imagingId: string): Promise<ImagingState>;
  listImaging(): Promise<ImagingState[]>;
  cancelImaging(imagingId: string): Promise<ImagingState>;
  imagingEvents(input: ImagingEventsInput, signal: AbortSignal | undefined): AsyncIterable<Numbered<ImagingEvent>>;
  listBackupTargets(): Promise<BackupTargetConfig[]>;
  addBackupTarget(input: AddBackupTarget): Promise<BackupTargetConfig>;
  /** Forgets a target and the copies recorded on it (the files stay where they are). */
  removeBackupTarget(targetId: string): Promise<BackupTargetConfig>;
  /** The 3-2-1 totals of every recovered photo, and one page of photos (100 by name when the request says nothing). */
  backupStatus(request?: BackupStatusRequest): Promise<BackupStatus>;
  /** The kinds of backup target this agent can add, from its adapters' registry. */
  backupAdapters(): Promise<BackupAdapter[]>;
  /** The running backup job, else the last one, else null. */
  currentBackup(): Promise<BackupJobState | null>;
  /** Backup jobs, newest first. */
  listBackups(request: BackupJobsRequest): Promise<BackupJobState[]>;
  /** Starts a job that brings every photo to 3-2-1 (or returns the one already running). */
  startBackup(request: BackupRunRequest): Promise<BackupJobState>;
  getBackup(jobId: string): Promise<BackupJobState>;
  cancelBackup(jobId: string): Promise<BackupJobState>;
  backupEvents(input: BackupEventsInput, signal: AbortSignal | undefined): AsyncIterable<Numbered<BackupEvent>>;
  listTrash(request: TrashListRequest): Promise<TrashList>;
  restoreTrash(request: TrashRestoreRequest): Promise<TrashRestoreResult>;
  /** A small JPEG of an item in a target's trash, read without changing anything (absent: no previews). */
  previewTrash?(request: TrashPreviewRequest): Promise<TrashPreview>;
  /** The providers a cloud account can be signed in to, and whether each is configured here. */
  accountProviders(): Promise<AccountProviderInfo[]>;
  listAccounts(): Promise<Account[]>;
  /** Starts a browser sign-in; the agent listens on the loopback for the answer (5 minutes). */
  startSignIn(input: StartSignIn): Promise<SignInStarted>;
  signInStatus(signInId: string): Promise<SignInStatus>;
  cancelSignIn(signInId: string): Promise<SignInStatus>;
  /** Forgets an account and its tokens (refused while a backup target uses it). */
  removeAccount(accountId: string): Promise<Account>;
  /** Sets (or, with '', clears) the user's own label of an account. */
  setAccountLabel(input: SetAccountLabel): Promise<Account>;
}

export interface AgentContext {
  services: AgentServices;
}
