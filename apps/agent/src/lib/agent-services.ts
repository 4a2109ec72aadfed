import { randomUUID } from 'node:crypto';
import { isAbsolute } from 'node:path';
import type { AgentServices, Device, Finding, FindingRef, FindingsPageRequest, ImagingRequest, RecoveryRequest, ScanRequest, ScanState, Source } from '@afterimage/contracts';
import type { AddFolderSource, UnlockSource } from '@afterimage/contracts';
import type { AddBackupTarget, BackupEventsInput, BackupRunRequest, TrashListRequest, TrashPreviewRequest, TrashRestoreRequest } from '@afterimage/contracts';
import type { SetAccountLabel, StartSignIn } from '@afterimage/contracts';
import type { BackupJobsRequest, BackupStatusRequest } from '@afterimage/contracts';
import type { FindingFacetsRequest, FindingIdsRequest, RecoveryEventsInput, ScanEventsInput } from '@afterimage/contracts';
import { ScanRequestSchema, ServiceError } from '@afterimage/contracts';
import { bufferSource, openFileSource, openSplitSource, type ByteSource } from '@afterimage/fs-parsers';
import type { AccountService } from './accounts/index.js';
import { BackupService, type BackupServiceOptions } from './backup/index.js';
import { TrashPreviews } from './backup/trash-preview.js';
import { describeImage, findDevice, listDevices, toServiceError } from './devices/index.js';
import { FolderSources } from './folders/index.js';
import { ImagingJobs, type ImagingRunOptions } from './imaging-jobs.js';
import { RecoveryJobs, type RecoveryReader } from './recovery/index.js';
import { runScan, type ScanPipeline } from './scan-runner.js';
import { batchScanEvents, oneChunk } from './scan-event-batches.js';
import { progressOnly, storedEvents, storedProgress } from './scan-progress-events.js';
import { ScanSession } from './scan-session.js';
import { describePath } from './sources.js';
import { imageMapFor, type ImageMap } from './read-health/image-map.js';
import { findingFacets } from './store/findings-facets.js';
import { FindingsRepo } from './store/findings-repo.js';
import { findingIds } from './store/findings-selection.js';
import { ImagingRepo } from './store/imaging-repo.js';
import type { Db } from './store/open-store.js';
import { SessionsRepo, type StoredScan } from './store/sessions-repo.js';

export type { ScanPipeline, ScanPipelineOptions } from './scan-runner.js';
export type ThumbnailMaker = (source: ByteSource, finding: Finding) => Promise<{ mimeType: string; data: Buffer }>;

export interface AgentServicesOptions {
  version: string;
  /** Lists this computer's disks (devices/listDevices; tests give their own). */
  devices?: () => Promise<Device[]>;
  demoCard?: Source;
  pipeline: ScanPipeline;
  thumbnail: ThumbnailMaker;
  /** The session database (openStore): sources, scans and findings outlive the process. */
  store: Db;
  /** Backups: account tokens, the env with AFTERIMAGE_<KIND>_API, a target factory for tests. */
  backup?: Omit<BackupServiceOptions, 'store'>;
  /** Cloud accounts: sign-ins through the browser, the signed-in accounts (start-agent makes it). */
  accounts?: AccountService;
  /** How imaging jobs open their source and how often they save their map (tests: a slow, failing source). */
  imaging?: ImagingRunOptions;
}

async function openSource(source: Source): Promise<ByteSource> {
  try {
    if (source.pieces && source.pieces.length > 1) return await openSplitSource(source.pieces, source.label);
    return await openFileSource(source.path);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new ServiceError('NOT_FOUND', `${source.path} is gone.`, { cause });
    throw new ServiceError('UNREADABLE', `Cannot open ${source.path} for reading: ${(cause as Error).message}`, { cause });
  }
}

/** The agent's behaviour behind the tRPC router; what it knows lives in the session database. */
export class LocalAgentServices implements AgentServices {
  private readonly sessions: SessionsRepo;
  private readonly findings: FindingsRepo;
  /** Scans running in this process. */
  private readonly live = new Map<string, ScanSession>();
  private readonly imaging: ImagingJobs;
  private readonly backup: BackupService;
  private readonly trashPreviews: TrashPreviews;
  /** Folder sources: iPhone backups (passwords in memory only) and folders with phone or Windows trash. */
  private readonly folders: FolderSources;
  private readonly recoveries: RecoveryJobs;

  constructor(private readonly options: AgentServicesOptions) {
    this.backup = new BackupService({ ...options.backup, store: options.store });
    this.trashPreviews = new TrashPreviews(this.backup.targets);
    this.sessions = new SessionsRepo(options.store);
    this.findings = new FindingsRepo(options.store);
    this.folders = new FolderSources(this.sessions);
    if (options.demoCard) this.sessions.saveSource(options.demoCard);
    const recoveryHost = { scan: (id: string) => this.getScan(id), source: (id: string) => this.source(id), reader: (source: Source, to: string) => this.recoveryReader(source, to) };
    this.recoveries = new RecoveryJobs(recoveryHost, { db: options.store, findings: this.findings, version: options.version });
    this.imaging = new ImagingJobs({ source: (id) => this.source(id), addImage: (path) => this.addImageSource({ path }) }, new ImagingRepo(options.store), options.imaging);
  }

  async listDevices(): Promise<Device[]> {
    try {
      return await (this.options.devices ?? (() => listDevices()))();
    } catch (error) {
      throw toServiceError(error);
    }
  }

  async addDeviceSource({ deviceId }: { deviceId: string }): Promise<Source> {
    const device = findDevice(await this.listDevices(), deviceId);
    if (!device) throw new ServiceError('NOT_FOUND', `No device ${deviceId}; list the devices again (was it unplugged?).`);
    if (device.sizeBytes === 0) throw new ServiceError('BAD_REQUEST', `${device.path} has no medium in it.`);
    const known = this.sessions.sources().find((s) => s.path === device.path);
    if (known) return known;
    const name = [device.vendor, device.model].filter(Boolean).join(' ') || device.filesystem?.label || device.id;
    const source: Source = {
      id: `dev-${randomUUID().slice(0, 8)}`,
      kind: 'device',
      label: `${name} (${device.path})`,
      path: device.path,
      sizeBytes: device.sizeBytes,
      ...(device.isSystem ? { description: 'This computer runs from this disk: it is only read, but files deleted from it may already be overwritten.' } : {}),
    };
    this.sessions.saveSource(source);
    return source;
  }

  startImaging(request: ImagingRequest) {
    return this.imaging.start(request);
  }

  async getImaging(imagingId: string) {
    return this.imaging.get(imagingId);
  }

  async listImaging() {
    return this.imaging.list();
  }

  async cancelImaging(imagingId: string) {
    return this.imaging.cancel(imagingId);
  }

  imagingEvents(input: { imagingId: string; lastEventId?: string | null }, signal: AbortSignal | undefined) {
    return this.imaging.events(input.imagingId, input.lastEventId, signal);
  }

  /** Goes on with the imaging jobs that were running when the agent stopped, each from its map file. */
  resumeImaging(): Promise<string[]> {
    return this.imaging.resumeInterrupted();
  }

  /** Goes on with the scans that were running when the agent stopped, each from its last checkpoint. */
  async resumeInterrupted(): Promise<string[]> {
    const resumed: string[] = [];
    for (const stored of this.sessions.interrupted()) if (await this.goOn(stored).catch(() => undefined)) resumed.push(stored.state.id);
    return resumed;
  }

  /** Runs a stored scan on from its checkpoint; a source that cannot be opened fails the scan, saying why. */
  private async goOn(stored: StoredScan): Promise<ScanState> {
    const source = this.source(stored.state.sourceId);
    const { bytes, pipeline, imageMap } = await this.scanInput(source).catch((error: unknown) => {
      this.sessions.updateScan({ ...stored.state, status: 'failed', finishedAt: new Date().toISOString(), error: `Not resumed: ${(error as Error).message}` });
      throw error;
    });
    const { finishedAt: _, error: __, ...running } = stored.state;
    const session = ScanSession.resumed({ ...running, status: 'running' }, this.findings.all(stored.state.id));
    this.sessions.updateScan(session.snapshot);
    this.live.set(session.snapshot.id, session);
    runScan({ session, source, bytes, request: stored.request, pipeline, sessions: this.sessions, findings: this.findings, resumeFrom: stored.checkpoint, imageMap });
    return session.snapshot;
  }

  async cancelScan(scanId: string) {
    return this.stop(scanId, 'cancelled');
  }

  async pauseScan(scanId: string) {
    return this.stop(scanId, 'paused');
  }

  private async stop(scanId: string, how: 'cancelled' | 'paused'): Promise<ScanState> {
    const session = this.live.get(scanId);
    if (!session || session.finished) throw new ServiceError('CONFLICT', `Scan ${scanId} is not running.`);
    session.stop(how);
    for await (const { event } of session.events(null)) if (event.type === 'done') return event.state;
    return session.snapshot;
  }

  async resumeScan(scanId: string) {
    const stored = this.sessions.scan(scanId);
    if (!stored) throw new ServiceError('NOT_FOUND', `No scan ${scanId}.`);
    if (stored.state.status !== 'paused' || this.live.get(scanId)?.finished === false) throw new ServiceError('CONFLICT', `Scan ${scanId} is ${stored.state.status}, not paused.`);
    return this.goOn(stored);
  }

  async listSources(): Promise<Source[]> {
    return this.sessions.sources().map((source) => this.folders.view(source));
  }

  addFolderSource(input: AddFolderSource): Promise<Source> {
    return this.folders.add(input);
  }

  unlockSource(input: UnlockSource): Promise<Source> {
    return this.folders.unlock(input);
  }

  /** What a scan reads and how: a folder's files through its own pipeline, else the source's bytes through the agent's. */
  private async scanInput(source: Source): Promise<{ bytes: ByteSource; pipeline: ScanPipeline; imageMap?: ImageMap | undefined }> {
    if (source.kind === 'folder') return { bytes: bufferSource(Buffer.alloc(0), source.label), pipeline: await this.folders.pipeline(source) };
    // An imaged device's map (its imaging job's, or a ddrescue map beside it) says which bytes are zeros for sectors never read.
    const imageMap = await imageMapFor(source, this.options.store);
    return { bytes: await openSource(source), pipeline: this.options.pipeline, imageMap };
  }

  private source(id: string): Source {
    const source = this.sessions.sources().find((s) => s.id === id);
    if (!source) throw new ServiceError('NOT_FOUND', `No source ${id}; list the sources first.`);
    return source;
  }

  async addImageSource(input: { path: string }): Promise<Source> {
    if (!isAbsolute(input.path)) throw new ServiceError('BAD_REQUEST', `Give an absolute path, not ${input.path}.`);
    const described = await describePath(input.path, `src-${randomUUID().slice(0, 8)}`);
    // An image file may be one piece of a split set (card.001, card.002…): the source is the whole set.
    const image = described.kind === 'image' ? await describeImage(described.path).catch((error: unknown) => Promise.reject(toServiceError(error))) : undefined;
    const path = image?.pieces[0]?.path ?? described.path;
    const known = this.sessions.sources().find((s) => s.path === path);
    if (known) return known;
    const candidate: Source = {
      ...described,
      path,
      ...(image ? { label: image.label, ...(image.pieces.length > 1 ? { pieces: image.pieces.map((p) => p.path) } : {}) } : {}),
      ...(image?.notes.length ? { description: image.notes.join(' ') } : {}),
    };
    const opened = await openSource(candidate);
    const source = { ...candidate, sizeBytes: opened.size };
    await opened.close();
    this.sessions.saveSource(source);
    return source;
  }

  async startScan(request: ScanRequest) {
    const parsed = ScanRequestSchema.parse(request);
    const source = this.source(parsed.sourceId);
    const { bytes, pipeline, imageMap } = await this.scanInput(source);
    const session = new ScanSession(`scan-${randomUUID().slice(0, 8)}`, source.id, bytes.size);
    this.sessions.createScan(session.snapshot, parsed);
    this.live.set(session.snapshot.id, session);
    runScan({ session, source, bytes, request: parsed, pipeline, sessions: this.sessions, findings: this.findings, imageMap });
    return session.snapshot;
  }

  async getScan(scanId: string) {
    return this.live.get(scanId)?.snapshot ?? this.stored(scanId);
  }

  private stored(scanId: string): ScanState {
    const stored = this.sessions.scan(scanId);
    if (!stored) throw new ServiceError('NOT_FOUND', `No scan ${scanId}.`);
    return stored.state;
  }

  async listScans() {
    return this.sessions.scans().map((s) => this.live.get(s.state.id)?.snapshot ?? s.state);
  }

  async listFindings(scanId: string) {
    await this.getScan(scanId);
    return this.findings.all(scanId);
  }

  async findingsPage(request: FindingsPageRequest) {
    await this.getScan(request.scanId);
    return this.findings.page(request);
  }

  async findingIds(request: FindingIdsRequest) {
    await this.getScan(request.scanId);
    return findingIds(this.options.store, request);
  }

  async findingFacets(request: FindingFacetsRequest) {
    await this.getScan(request.scanId);
    return findingFacets(this.options.store, request);
  }

  scanEvents(input: ScanEventsInput, signal: AbortSignal | undefined) {
    const session = this.live.get(input.scanId);
    if (session && input.findings === false) return progressOnly(session.events(input.lastEventId, signal), session.eventCount);
    if (session) return session.events(input.lastEventId, signal);
    const state = this.stored(input.scanId);
    if (input.findings === false) return storedProgress(state, this.findings.count(input.scanId), input.lastEventId);
    return storedEvents(state, this.findings.all(input.scanId), input.lastEventId);
  }

  /** scanEvents with the findings that came together in one 'findings' event (scans.eventBatches). */
  scanEventBatches(input: { scanId: string; lastEventId?: string | null }, signal: AbortSignal | undefined) {
    const session = this.live.get(input.scanId);
    if (session) return batchScanEvents(session.eventChunks(input.lastEventId, signal));
    return batchScanEvents(oneChunk(this.scanEvents(input, signal)));
  }

  private finding(ref: FindingRef): Finding {
    const finding = this.findings.get(ref.scanId, ref.findingId);
    if (!finding) throw new ServiceError('NOT_FOUND', `No finding ${ref.findingId} in scan ${ref.scanId}.`);
    return finding;
  }

  async thumbnail(ref: FindingRef) {
    const finding = this.finding(ref);
    const source = this.source(this.stored(ref.scanId).sourceId);
    const bytes = source.kind === 'folder' ? await this.folders.bytesOf(source, finding) : await openSource(source);
    try {
      const thumb = await this.options.thumbnail(bytes, finding);
      return { mimeType: thumb.mimeType, dataBase64: thumb.data.toString('base64') };
    } catch (cause) {
      throw new ServiceError('UNREADABLE', `No preview can be made of ${finding.name}.`, { cause });
    } finally {
      await bytes.close();
    }
  }

  /** A recovery job, waited for: its report, or its error as thrown (the CLI maps the code to an exit code). */
  async recover(request: RecoveryRequest) {
    const job = await this.recoveries.start(request);
    return this.recoveries.outcome(job.id);
  }

  startRecovery(request: RecoveryRequest) {
    return this.recoveries.start(request);
  }

  async getRecovery(jobId: string) {
    return this.recoveries.get(jobId);
  }

  cancelRecovery(jobId: string) {
    return this.recoveries.cancel(jobId);
  }

  recoveryEvents(input: RecoveryEventsInput, signal: AbortSignal | undefined) {
    return this.recoveries.events(input, signal);
  }

  async listRecoveries() {
    return this.recoveries.list();
  }

  /** How a recovery reads: a folder's findings are its files, each read on its own; a disk's are runs of its bytes. */
  private async recoveryReader(source: Source, destination: string): Promise<RecoveryReader> {
    if (source.kind === 'folder') return { options: await this.folders.recovery(source, destination), close: async () => undefined };
    const bytes = await openSource(source);
    return { options: { source: bytes }, close: () => bytes.close() };
  }

  /** The targets, each cloud one with the title of its account. */
  async listBackupTargets() {
    return this.backup.namedTargets();
  }

  addBackupTarget(input: AddBackupTarget) {
    return this.backup.addTarget(input);
  }

  async removeBackupTarget(targetId: string) {
    return this.backup.removeTarget(targetId);
  }

  backupStatus(request: BackupStatusRequest = {}) {
    return this.backup.status(request);
  }

  async backupAdapters() {
    return this.backup.adapters();
  }

  async currentBackup() {
    return this.backup.current();
  }

  async listBackups(request: BackupJobsRequest) {
    return this.backup.list(request);
  }

  startBackup(request: BackupRunRequest) {
    return this.backup.start(request);
  }

  async getBackup(jobId: string) {
    return this.backup.get(jobId);
  }

  cancelBackup(jobId: string) {
    return this.backup.cancel(jobId);
  }

  backupEvents(input: BackupEventsInput, signal: AbortSignal | undefined) {
    return this.backup.events(input, signal);
  }

  async listTrash(request: TrashListRequest) {
    const list = await this.backup.listTrash(request);
    this.trashPreviews.remember(list);
    return list;
  }

  /** A small JPEG of a trashed item (read only; kept in memory for the agent's life, bounded). */
  previewTrash(request: TrashPreviewRequest) {
    return this.trashPreviews.preview(request);
  }

  restoreTrash(request: TrashRestoreRequest) {
    return this.backup.restoreTrash(request);
  }

  /** Backup jobs that were running when the agent stopped go on (the ledger keeps them from copying twice). */
  resumeBackups(): Promise<string[]> {
    return this.backup.resumeInterrupted();
  }

  private accounts(): AccountService {
    if (!this.options.accounts) throw new ServiceError('INTERNAL', 'This agent keeps no cloud accounts.');
    return this.options.accounts;
  }

  accountProviders() {
    return this.accounts().providers();
  }

  listAccounts() {
    return this.accounts().list();
  }

  startSignIn(input: StartSignIn) {
    return this.accounts().startSignIn(input.provider);
  }

  signInStatus(signInId: string) {
    return this.accounts().signInStatus(signInId);
  }

  cancelSignIn(signInId: string) {
    return this.accounts().cancelSignIn(signInId);
  }

  setAccountLabel(input: SetAccountLabel) {
    return this.accounts().setLabel(input.id, input.label);
  }

  /** Refused while a backup target uses the account (the message names them). */
  removeAccount(accountId: string) {
    return this.accounts().remove(accountId, this.backup.listTargets());
  }

  /** The agent is stopping: running backup and imaging jobs stop where they are and go on at the next start; sign-ins are cancelled. */
  async shutdown(): Promise<void> {
    await Promise.all([this.backup.shutdown(), this.options.accounts?.shutdown(), this.folders.close(), this.imaging.shutdown(), this.recoveries.shutdown()]);
  }
}
