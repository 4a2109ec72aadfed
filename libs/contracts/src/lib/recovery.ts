import { z } from 'zod';
import { ByteRunSchema, ConfidenceSchema, FileTimesSchema, FindingFileSchema, FindingTrashSchema, FoundBySchema, MediaMetadataSchema, OriginSchema, ValidationSchema } from './finding.js';
import { FindingFilterSchema } from './findings-page.js';

/**
 * What to recover: `findingIds`; or the findings that match `filter` (findings.page's), less
 * `exceptIds` (the agent selects them itself: "all that match" needs no ids on the wire); or, with
 * none of them, all of the scan's findings (less `exceptIds`). `findingIds` with a filter or
 * `exceptIds` is refused.
 */
export const RecoveryRequestSchema = z.object({
  scanId: z.string().min(1),
  /** Findings to recover; all of the scan's findings when absent. */
  findingIds: z.array(z.string()).optional(),
  /** Recover the findings that match this filter (an empty filter: all of them). */
  filter: FindingFilterSchema.optional(),
  /** Findings left out of the filter's (or the whole scan's) selection: those deselected by hand. */
  exceptIds: z.array(z.string()).optional(),
  /** An absolute folder path that is not on the source. */
  destination: z.string().min(1),
});
export type RecoveryRequest = z.infer<typeof RecoveryRequestSchema>;

/** One recovered file: an entry of report.json (the CLI contract). */
export const ReportEntrySchema = z.object({
  findingId: z.string(),
  name: z.string(),
  /** Path of the written copy, relative to the destination folder. */
  path: z.string(),
  format: z.string(),
  size: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  byteRuns: z.array(ByteRunSchema),
  foundBy: FoundBySchema,
  origin: OriginSchema,
  originalPath: z.string().optional(),
  times: FileTimesSchema.optional(),
  validation: ValidationSchema,
  confidence: ConfidenceSchema.optional(),
  metadata: MediaMetadataSchema,
  /** For a folder source: the file in the source folder the copy was made from. */
  file: FindingFileSchema.optional(),
  trash: FindingTrashSchema.optional(),
  /** The other half of a Live Photo: its findingId (both halves are written with the same base name). */
  livePhotoPair: z.string().optional(),
});
export type ReportEntry = z.infer<typeof ReportEntrySchema>;

export const RecoveryFailureSchema = z.object({ findingId: z.string(), name: z.string(), reason: z.string() });
export type RecoveryFailure = z.infer<typeof RecoveryFailureSchema>;

/** DIR/report.json. Every entry in `files` was re-read from the destination and its sha256 matched. */
export const RecoveryReportSchema = z.object({
  tool: z.literal('afterimage'),
  version: z.string(),
  createdAt: z.string(),
  source: z.object({ path: z.string(), sizeBytes: z.number().int().nonnegative() }),
  destination: z.string(),
  files: z.array(ReportEntrySchema),
  failed: z.array(RecoveryFailureSchema),
});
export type RecoveryReport = z.infer<typeof RecoveryReportSchema>;

/**
 * How far a recovery is. A file is done when its copy was verified (`recovered`) or it failed;
 * `bytesDone` counts the done files' sizes and what is written of the one in hand.
 */
export const RecoveryProgressSchema = z.object({
  filesTotal: z.number().int().nonnegative(),
  filesDone: z.number().int().nonnegative(),
  recovered: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  bytesTotal: z.number().nonnegative(),
  bytesDone: z.number().nonnegative(),
  /** The name of the file being written, while one is. */
  current: z.string().optional(),
});
export type RecoveryProgress = z.infer<typeof RecoveryProgressSchema>;

/**
 * A recovery as the agent remembers it (newest results in report.json at its destination).
 * cancelled: stopped by request; the files verified until then are in report.json.
 */
export const RecoveryJobSchema = z.object({
  id: z.string(),
  scanId: z.string(),
  destination: z.string(),
  status: z.enum(['running', 'done', 'failed', 'cancelled']),
  startedAt: z.string(),
  finishedAt: z.string().optional(),
  recovered: z.number().int().nonnegative().optional(),
  failed: z.number().int().nonnegative().optional(),
  error: z.string().optional(),
  /** Files and bytes so far (for a job the agent ran before it restarted: what its report holds). */
  progress: RecoveryProgressSchema.optional(),
  /** Absolute paths of DIR/report.json and DIR/report.csv, once written. */
  reportPath: z.string().optional(),
  csvPath: z.string().optional(),
});
export type RecoveryJob = z.infer<typeof RecoveryJobSchema>;
