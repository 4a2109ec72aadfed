import { z } from 'zod';

export const BackupRunRequestSchema = z.object({
  /** Uploads at a time (default 4). */
  parallel: z.number().int().min(1).max(16).optional(),
});
export type BackupRunRequest = z.infer<typeof BackupRunRequestSchema>;

export const BackupFileOutcomeSchema = z.enum(['uploaded', 'already-there', 'failed']);

/** One photo put on one target: uploaded and verified, found there already (same hash), or failed. */
export const BackupFileSchema = z.object({
  sha256: z.string(),
  name: z.string(),
  targetId: z.string(),
  /** Where it went inside the target. */
  path: z.string(),
  size: z.number().int().nonnegative(),
  outcome: BackupFileOutcomeSchema,
  /** Why it failed, in plain words. */
  reason: z.string().optional(),
});
export type BackupFile = z.infer<typeof BackupFileSchema>;

export const BackupProgressSchema = z.object({
  filesTotal: z.number().int().nonnegative(),
  uploaded: z.number().int().nonnegative(),
  alreadyThere: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  bytesTotal: z.number().nonnegative(),
  /** Bytes uploaded or found there, including the part of files still uploading. */
  bytesDone: z.number().nonnegative(),
});
export type BackupProgress = z.infer<typeof BackupProgressSchema>;

export const BackupFailureSchema = BackupFileSchema.pick({ sha256: true, name: true, targetId: true, path: true, reason: true });

export const BackupJobStateSchema = z.object({
  id: z.string(),
  status: z.enum(['running', 'done', 'failed', 'cancelled']),
  startedAt: z.string(),
  finishedAt: z.string().optional(),
  parallel: z.number().int().positive(),
  progress: BackupProgressSchema,
  failures: z.array(BackupFailureSchema),
  /** What no configured target can fix, in plain words ("No target is offsite: …"). */
  notes: z.array(z.string()),
  /** Times the job went on after the agent was restarted in the middle of it. */
  resumed: z.number().int().nonnegative(),
  /** When done: how many photos meet 3-2-1 now. */
  after: z.object({ photos: z.number().int().nonnegative(), meets321: z.number().int().nonnegative() }).optional(),
  error: z.string().optional(),
});
export type BackupJobState = z.infer<typeof BackupJobStateSchema>;

export const BackupEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('file'), file: BackupFileSchema }),
  z.object({ type: z.literal('progress'), progress: BackupProgressSchema }),
  z.object({ type: z.literal('done'), state: BackupJobStateSchema }),
]);
export type BackupEvent = z.infer<typeof BackupEventSchema>;

export const BackupJobRefSchema = z.object({ jobId: z.string().min(1) });
export const BackupEventsInputSchema = BackupJobRefSchema.extend({ lastEventId: z.string().nullish() });
export type BackupEventsInput = z.infer<typeof BackupEventsInputSchema>;

/** The newest backup jobs first, `limit` of them (20 when absent). */
export const BackupJobsRequestSchema = z.object({ limit: z.number().int().min(1).max(100).optional() });
export type BackupJobsRequest = z.infer<typeof BackupJobsRequestSchema>;
