import { z } from 'zod';
import { RecoveryJobSchema, RecoveryProgressSchema, RecoveryReportSchema } from './recovery.js';

/**
 * One file of a recovery: written (the copy is on the destination, not yet checked), verified (it
 * was re-read and its sha256 matched the source's: it is in report.json) or failed (why, in plain words).
 */
export const RecoveryFileEventSchema = z.object({
  findingId: z.string(),
  name: z.string(),
  /** Where the copy goes, relative to the destination. */
  path: z.string().optional(),
  size: z.number().int().nonnegative(),
  outcome: z.enum(['written', 'verified', 'failed']),
  reason: z.string().optional(),
});
export type RecoveryFileEvent = z.infer<typeof RecoveryFileEventSchema>;

/** What a recovery's subscription streams, in order; `done` carries the final job and its report. */
export const RecoveryEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('file'), file: RecoveryFileEventSchema }),
  z.object({ type: z.literal('progress'), progress: RecoveryProgressSchema }),
  z.object({ type: z.literal('done'), job: RecoveryJobSchema, report: RecoveryReportSchema.optional() }),
]);
export type RecoveryEvent = z.infer<typeof RecoveryEventSchema>;

export const RecoveryJobRefSchema = z.object({ jobId: z.string().min(1) });
export type RecoveryJobRef = z.infer<typeof RecoveryJobRefSchema>;

export const RecoveryEventsInputSchema = RecoveryJobRefSchema.extend({
  lastEventId: z.string().nullish(),
  /**
   * Which file events to send: all (default), only the failed ones, or none (progress and the end
   * only, for a large recovery).
   */
  files: z.enum(['all', 'failed', 'none']).optional(),
});
export type RecoveryEventsInput = z.infer<typeof RecoveryEventsInputSchema>;
