import { initTRPC, tracked, TRPCError, type TRPC_ERROR_CODE_KEY } from '@trpc/server';
import { z } from 'zod';
import { ServiceError, type ServiceErrorCode } from './errors.js';
import { FindingSchema } from './finding.js';
import { FindingsPageRequestSchema, FindingsPageSchema } from './findings-page.js';
import { RecoveryJobSchema, RecoveryReportSchema, RecoveryRequestSchema } from './recovery.js';
import { RecoveryEventsInputSchema, RecoveryJobRefSchema } from './recovery-events.js';
import { FindingFacetsRequestSchema, FindingFacetsSchema, FindingIdsRequestSchema, FindingIdsSchema } from './findings-facets.js';
import { FindingRefSchema, ScanEventsInputSchema, ScanRefSchema, ScanRequestSchema, ScanStateSchema, ThumbnailSchema } from './scan.js';
import type { AgentContext, NumberedScanBatchEvent, NumberedScanEvent } from './services.js';
import { AddFolderSourceSchema, AddImageSourceSchema, SourceSchema, UnlockSourceSchema } from './source.js';
import { AddDeviceSourceSchema, DeviceSchema } from './device.js';
import { ImagingEventsInputSchema, ImagingRefSchema, ImagingRequestSchema, ImagingStateSchema } from './imaging.js';
import { AddBackupTargetSchema, BackupStatusRequestSchema, BackupStatusSchema, BackupTargetConfigSchema, TargetRefSchema } from './backup.js';
import { BackupAdapterSchema } from './backup-adapters.js';
import { BackupEventsInputSchema, BackupJobRefSchema, BackupJobsRequestSchema, BackupJobStateSchema, BackupRunRequestSchema } from './backup-job.js';
import { AccountProviderInfoSchema, AccountRefSchema, AccountSchema, SetAccountLabelSchema, SignInRefSchema, SignInStartedSchema, SignInStatusSchema, StartSignInSchema } from './accounts.js';
import { TrashListRequestSchema, TrashListSchema, TrashPreviewRequestSchema, TrashPreviewSchema, TrashRestoreRequestSchema, TrashRestoreResultSchema } from './trash.js';

const TRPC_CODE: Record<ServiceErrorCode, TRPC_ERROR_CODE_KEY> = {
  NOT_FOUND: 'NOT_FOUND',
  BAD_REQUEST: 'BAD_REQUEST',
  CONFLICT: 'CONFLICT',
  FORBIDDEN: 'FORBIDDEN',
  UNREADABLE: 'UNPROCESSABLE_CONTENT',
  NO_SPACE: 'PRECONDITION_FAILED',
  INTERNAL: 'INTERNAL_SERVER_ERROR',
  NEEDS_PASSWORD: 'PRECONDITION_FAILED',
  WRONG_PASSWORD: 'BAD_REQUEST',
};

const t = initTRPC.context<AgentContext>().create({
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    const serviceCode = cause instanceof ServiceError ? cause.code : error.code === 'BAD_REQUEST' ? 'BAD_REQUEST' : 'INTERNAL';
    return { ...shape, data: { ...shape.data, serviceCode, stack: undefined } };
  },
});

/** Service failures become tRPC errors here, once, with the message a person reads. */
const procedure = t.procedure.use(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof ServiceError) {
    const cause = result.error.cause;
    throw new TRPCError({ code: TRPC_CODE[cause.code], message: cause.message, cause });
  }
  return result;
});

/** scans.events as batches of one finding each, for services without scanEventBatches. */
async function* singleBatches(events: AsyncIterable<NumberedScanEvent>): AsyncGenerator<NumberedScanBatchEvent> {
  for await (const { id, event } of events) yield { id, event: event.type === 'finding' ? { type: 'findings', findings: [event.finding] } : event };
}

export function createAppRouter() {
  return t.router({
    devices: t.router({
      /** The disks and partitions of this computer, removable ones first, the system disk last. */
      list: procedure.output(z.array(DeviceSchema)).query(({ ctx }) => ctx.services.listDevices()),
    }),
    sources: t.router({
      list: procedure.output(z.array(SourceSchema)).query(({ ctx }) => ctx.services.listSources()),
      addDevice: procedure
        .input(AddDeviceSourceSchema)
        .output(SourceSchema)
        .mutation(({ ctx, input }) => ctx.services.addDeviceSource(input)),
      addImage: procedure
        .input(AddImageSourceSchema)
        .output(SourceSchema)
        .mutation(({ ctx, input }) => ctx.services.addImageSource(input)),
      /** A folder: an iPhone backup (its password, when encrypted, is kept in memory only) or any folder with phone or Windows trash. */
      addFolder: procedure
        .input(AddFolderSourceSchema)
        .output(SourceSchema)
        .mutation(({ ctx, input }) => ctx.services.addFolderSource(input)),
      /** An encrypted backup's password again, after the agent restarted (NEEDS_PASSWORD said so). */
      unlock: procedure
        .input(UnlockSourceSchema)
        .output(SourceSchema)
        .mutation(({ ctx, input }) => ctx.services.unlockSource(input)),
    }),
    scans: t.router({
      start: procedure
        .input(ScanRequestSchema)
        .output(ScanStateSchema)
        .mutation(({ ctx, input }) => ctx.services.startScan(input)),
      get: procedure.input(ScanRefSchema).output(ScanStateSchema).query(({ ctx, input }) => ctx.services.getScan(input.scanId)),
      cancel: procedure.input(ScanRefSchema).output(ScanStateSchema).mutation(({ ctx, input }) => ctx.services.cancelScan(input.scanId)),
      pause: procedure.input(ScanRefSchema).output(ScanStateSchema).mutation(({ ctx, input }) => ctx.services.pauseScan(input.scanId)),
      resume: procedure.input(ScanRefSchema).output(ScanStateSchema).mutation(({ ctx, input }) => ctx.services.resumeScan(input.scanId)),
      list: procedure.output(z.array(ScanStateSchema)).query(({ ctx }) => ctx.services.listScans()),
      findings: procedure
        .input(ScanRefSchema)
        .output(z.array(FindingSchema))
        .query(({ ctx, input }) => ctx.services.listFindings(input.scanId)),
      /** Progress and findings as they happen; resumes after lastEventId (SSE reconnects send it). */
      events: procedure.input(ScanEventsInputSchema).subscription(async function* ({ ctx, input, signal }) {
        for await (const { id, event } of ctx.services.scanEvents(input, signal)) {
          yield tracked(id, event);
        }
      }),
      /** As events, with the findings that came together in one 'findings' event (ScanBatchEventSchema): far fewer events. */
      eventBatches: procedure.input(ScanEventsInputSchema).subscription(async function* ({ ctx, input, signal }) {
        // findings: false carries no findings to group: scans.events' stream is the same.
        const batches = (input.findings !== false && ctx.services.scanEventBatches?.(input, signal)) || singleBatches(ctx.services.scanEvents(input, signal));
        for await (const { id, event } of batches) {
          yield tracked(id, event);
        }
      }),
    }),
    findings: t.router({
      thumbnail: procedure.input(FindingRefSchema).output(ThumbnailSchema).query(({ ctx, input }) => ctx.services.thumbnail(input)),
      /** One page of a scan's findings, filtered and sorted (the results grid, `afterimage findings`). */
      page: procedure
        .input(FindingsPageRequestSchema)
        .output(FindingsPageSchema)
        .query(({ ctx, input }) => ctx.services.findingsPage(input)),
      /** The ids of the findings that match a filter, in findings.page's order (up to 10,000 a call). */
      ids: procedure.input(FindingIdsRequestSchema).output(FindingIdsSchema).query(({ ctx, input }) => ctx.services.findingIds(input)),
      /** What the filters can offer, with counts: cameras, dates, formats, states, origins… */
      facets: procedure.input(FindingFacetsRequestSchema).output(FindingFacetsSchema).query(({ ctx, input }) => ctx.services.findingFacets(input)),
    }),
    imaging: t.router({
      start: procedure
        .input(ImagingRequestSchema)
        .output(ImagingStateSchema)
        .mutation(({ ctx, input }) => ctx.services.startImaging(input)),
      get: procedure.input(ImagingRefSchema).output(ImagingStateSchema).query(({ ctx, input }) => ctx.services.getImaging(input.imagingId)),
      list: procedure.output(z.array(ImagingStateSchema)).query(({ ctx }) => ctx.services.listImaging()),
      cancel: procedure.input(ImagingRefSchema).output(ImagingStateSchema).mutation(({ ctx, input }) => ctx.services.cancelImaging(input.imagingId)),
      /** Progress as ddrescue would show it, then the final state; resumes after lastEventId. */
      events: procedure.input(ImagingEventsInputSchema).subscription(async function* ({ ctx, input, signal }) {
        for await (const { id, event } of ctx.services.imagingEvents(input, signal)) {
          yield tracked(id, event);
        }
      }),
    }),
    recovery: t.router({
      /** Runs a recovery job (others can follow it with events) and answers with its verified report when it is done. */
      start: procedure
        .input(RecoveryRequestSchema)
        .output(RecoveryReportSchema)
        .mutation(({ ctx, input }) => ctx.services.recover(input)),
      list: procedure.output(z.array(RecoveryJobSchema)).query(({ ctx }) => ctx.services.listRecoveries()),
      /** Starts a recovery and answers with its job at once; follow it with events (start waits for the report instead). */
      startJob: procedure
        .input(RecoveryRequestSchema)
        .output(RecoveryJobSchema)
        .mutation(({ ctx, input }) => ctx.services.startRecovery(input)),
      get: procedure.input(RecoveryJobRefSchema).output(RecoveryJobSchema).query(({ ctx, input }) => ctx.services.getRecovery(input.jobId)),
      cancel: procedure.input(RecoveryJobRefSchema).output(RecoveryJobSchema).mutation(({ ctx, input }) => ctx.services.cancelRecovery(input.jobId)),
      /** Each file written, verified or failed, progress, then the job and its report; resumes after lastEventId. */
      events: procedure.input(RecoveryEventsInputSchema).subscription(async function* ({ ctx, input, signal }) {
        for await (const { id, event } of ctx.services.recoveryEvents(input, signal)) {
          yield tracked(id, event);
        }
      }),
    }),
    backup: t.router({
      targets: t.router({
        list: procedure.output(z.array(BackupTargetConfigSchema)).query(({ ctx }) => ctx.services.listBackupTargets()),
        add: procedure
          .input(AddBackupTargetSchema)
          .output(BackupTargetConfigSchema)
          .mutation(({ ctx, input }) => ctx.services.addBackupTarget(input)),
        remove: procedure.input(TargetRefSchema).output(BackupTargetConfigSchema).mutation(({ ctx, input }) => ctx.services.removeBackupTarget(input.targetId)),
      }),
      /** The 3-2-1 totals of every recovered photo, and one page of photos with their copies and what each lacks. */
      status: procedure
        .input(BackupStatusRequestSchema.optional())
        .output(BackupStatusSchema)
        .query(({ ctx, input }) => ctx.services.backupStatus(input ?? {})),
      /** The kinds of target this agent can add (its adapters' registry): what each needs, and what it cannot do. */
      adapters: procedure.output(z.array(BackupAdapterSchema)).query(({ ctx }) => ctx.services.backupAdapters()),
      /** The backup job running now, else the last one, else null: a page opened again follows it. */
      current: procedure.output(BackupJobStateSchema.nullable()).query(({ ctx }) => ctx.services.currentBackup()),
      /** Backup jobs, newest first. */
      jobs: procedure
        .input(BackupJobsRequestSchema.optional())
        .output(z.array(BackupJobStateSchema))
        .query(({ ctx, input }) => ctx.services.listBackups(input ?? {})),
      /** Starts the job that brings every photo to 3-2-1 (or returns the one running); follow it with events. */
      run: procedure
        .input(BackupRunRequestSchema.optional())
        .output(BackupJobStateSchema)
        .mutation(({ ctx, input }) => ctx.services.startBackup(input ?? {})),
      get: procedure.input(BackupJobRefSchema).output(BackupJobStateSchema).query(({ ctx, input }) => ctx.services.getBackup(input.jobId)),
      cancel: procedure.input(BackupJobRefSchema).output(BackupJobStateSchema).mutation(({ ctx, input }) => ctx.services.cancelBackup(input.jobId)),
      /** Each file uploaded, found there or failed, progress, then the final state; resumes after lastEventId. */
      events: procedure.input(BackupEventsInputSchema).subscription(async function* ({ ctx, input, signal }) {
        for await (const { id, event } of ctx.services.backupEvents(input, signal)) {
          yield tracked(id, event);
        }
      }),
    }),
    trash: t.router({
      /** What the backup targets' trash holds, and which targets have none to list (and why). */
      list: procedure
        .input(TrashListRequestSchema.optional())
        .output(TrashListSchema)
        .query(({ ctx, input }) => ctx.services.listTrash(input ?? {})),
      restore: procedure
        .input(TrashRestoreRequestSchema)
        .output(TrashRestoreResultSchema)
        .mutation(({ ctx, input }) => ctx.services.restoreTrash(input)),
      /** A small JPEG of one trashed item (a provider's thumbnail or the photo, shrunk), or why there is none. */
      preview: procedure
        .input(TrashPreviewRequestSchema)
        .output(TrashPreviewSchema)
        .query(({ ctx, input }) => {
          if (!ctx.services.previewTrash) throw new ServiceError('BAD_REQUEST', 'This agent cannot preview trashed items.');
          return ctx.services.previewTrash(input);
        }),
    }),
    accounts: t.router({
      /** Google, Dropbox, Microsoft: configured or not (and what to set), and the target kinds each serves. */
      providers: procedure.output(z.array(AccountProviderInfoSchema)).query(({ ctx }) => ctx.services.accountProviders()),
      list: procedure.output(z.array(AccountSchema)).query(({ ctx }) => ctx.services.listAccounts()),
      /** Starts a sign-in and answers with the address to open in a browser; follow it with signInStatus. */
      signIn: procedure
        .input(StartSignInSchema)
        .output(SignInStartedSchema)
        .mutation(({ ctx, input }) => ctx.services.startSignIn(input)),
      signInStatus: procedure.input(SignInRefSchema).output(SignInStatusSchema).query(({ ctx, input }) => ctx.services.signInStatus(input.signInId)),
      cancelSignIn: procedure.input(SignInRefSchema).output(SignInStatusSchema).mutation(({ ctx, input }) => ctx.services.cancelSignIn(input.signInId)),
      remove: procedure.input(AccountRefSchema).output(AccountSchema).mutation(({ ctx, input }) => ctx.services.removeAccount(input.id)),
      /** The user's own name for an account ("Anna's Dropbox"); an empty one goes back to the provider's name. */
      setLabel: procedure.input(SetAccountLabelSchema).output(AccountSchema).mutation(({ ctx, input }) => ctx.services.setAccountLabel(input)),
    }),
  });
}

export type AppRouter = ReturnType<typeof createAppRouter>;
