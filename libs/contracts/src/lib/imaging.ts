import { z } from 'zod';

/** Copy a source (a failing device) to an image file with a GNU ddrescue-compatible map. */
export const ImagingRequestSchema = z.object({
  sourceId: z.string().min(1),
  /** Absolute path of the image to write (not on the source); resumed when it and its map exist. */
  imagePath: z.string().min(1),
  /** The map file; `<imagePath>.map` when absent. */
  mapPath: z.string().min(1).optional(),
  sectorSize: z.union([z.literal(512), z.literal(4096)]).optional(),
  /** Passes over the bad sectors after scraping (default 1). */
  retries: z.number().int().min(0).max(16).optional(),
});
export type ImagingRequest = z.input<typeof ImagingRequestSchema>;

export const ImagingPhaseSchema = z.enum(['copying', 'trimming', 'scraping', 'retrying', 'finished']);

/** ddrescue's screen in numbers; byte counts cover the whole device. */
export const ImagingProgressSchema = z.object({
  phase: ImagingPhaseSchema,
  pass: z.number().int().nonnegative(),
  deviceSize: z.number().nonnegative(),
  bytesRescued: z.number().nonnegative(),
  /** Bytes of sectors that failed when read one by one. */
  bytesBad: z.number().nonnegative(),
  bytesNonTried: z.number().nonnegative(),
  nonTrimmed: z.number().nonnegative(),
  nonScraped: z.number().nonnegative(),
  /** Separate bad areas. */
  errors: z.number().int().nonnegative(),
  readErrors: z.number().int().nonnegative(),
  ratePerSecond: z.number().nonnegative(),
  currentPos: z.number().nonnegative(),
  elapsedMs: z.number().nonnegative(),
});
export type ImagingProgress = z.infer<typeof ImagingProgressSchema>;

export const ImagingStateSchema = z.object({
  id: z.string(),
  sourceId: z.string(),
  imagePath: z.string(),
  mapPath: z.string(),
  status: z.enum(['running', 'done', 'failed', 'cancelled']),
  startedAt: z.string(),
  finishedAt: z.string().optional(),
  progress: ImagingProgressSchema.optional(),
  /** Every byte read or given up on after the passes (bad sectors stay bad). */
  complete: z.boolean().optional(),
  /** The source the finished image became, to scan instead of the device. */
  imageSourceId: z.string().optional(),
  error: z.string().optional(),
});
export type ImagingState = z.infer<typeof ImagingStateSchema>;

export const ImagingRefSchema = z.object({ imagingId: z.string().min(1) });

export const ImagingEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('progress'), progress: ImagingProgressSchema }),
  z.object({ type: z.literal('done'), state: ImagingStateSchema }),
]);
export type ImagingEvent = z.infer<typeof ImagingEventSchema>;

export const ImagingEventsInputSchema = ImagingRefSchema.extend({ lastEventId: z.string().nullish() });
export type ImagingEventsInput = z.infer<typeof ImagingEventsInputSchema>;
