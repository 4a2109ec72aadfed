import { z } from 'zod';
import { FindingSchema } from './finding.js';

export const ScanRequestSchema = z.object({
  sourceId: z.string().min(1),
  /** Also report files that are still live in the filesystem (they are found either way). */
  includeLive: z.boolean().default(false),
  /** A corrupt file keeps its bytes after the last valid point (up to the next file found) instead of being cut there. */
  keepCorrupt: z.boolean().default(false),
});
export type ScanRequest = z.input<typeof ScanRequestSchema>;

export const ScanProgressSchema = z.object({
  bytesDone: z.number().nonnegative(),
  bytesTotal: z.number().nonnegative(),
  rateBytesPerSecond: z.number().nonnegative(),
  /** For a folder source: files examined so far, and in all (the bytes are those files'). */
  filesDone: z.number().int().nonnegative().optional(),
  filesTotal: z.number().int().nonnegative().optional(),
  findingsByFormat: z.record(z.string(), z.number().int().nonnegative()),
  /**
   * Read health (absent while the scan met no unreadable sector). badSectors: 512-byte sectors of the
   * source that could not be read. Exact where they are known: an image's failing area is read again
   * sector by sector, and the ddrescue map of an imaged device lists the sectors the imaging could not
   * read (zeros in the image, counted before the scan reads anything). A failed read that is not read
   * again (a device, whose scan stops at its first read error; a folder's file) counts as one: at
   * least one of its sectors is bad.
   */
  badSectors: z.number().int().nonnegative().optional(),
  /** Bytes the scan could not read: the bad sectors, and all of a failed read not read again; for an imaged device, every byte its map says was not copied (zeros in the image). */
  unreadableBytes: z.number().nonnegative().optional(),
  /** Reads that failed as a failing medium fails (EIO and kin). */
  readErrors: z.number().int().nonnegative().optional(),
  /** Of badSectors, those the imaging map of an image gives (the rest were met by this scan). */
  badSectorsFromMap: z.number().int().nonnegative().optional(),
  /** Where (a byte offset) the first read error was; a device's scan stopped there. */
  firstReadErrorAt: z.number().nonnegative().optional(),
});
export type ScanProgress = z.infer<typeof ScanProgressSchema>;

/** paused: stopped at a checkpoint by request; it goes on from there when resumed. */
export const ScanStatusSchema = z.enum(['running', 'paused', 'done', 'failed', 'cancelled']);
export type ScanStatus = z.infer<typeof ScanStatusSchema>;

export const ScanStateSchema = z.object({
  id: z.string(),
  sourceId: z.string(),
  status: ScanStatusSchema,
  startedAt: z.string(),
  finishedAt: z.string().optional(),
  progress: ScanProgressSchema,
  findingCount: z.number().int().nonnegative(),
  error: z.string().optional(),
});
export type ScanState = z.infer<typeof ScanStateSchema>;

/** What a scan subscription streams, in order; every event has an id a client can resume after. */
export const ScanEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('progress'), progress: ScanProgressSchema }),
  z.object({ type: z.literal('finding'), finding: FindingSchema }),
  z.object({ type: z.literal('done'), state: ScanStateSchema }),
]);
export type ScanEvent = z.infer<typeof ScanEventSchema>;

/** At most this many findings travel in one 'findings' event of scans.eventBatches. */
export const MAX_FINDINGS_PER_EVENT = 256;

/**
 * What scans.eventBatches streams: the events of scans.events, with the findings that came together
 * (the agent stores and publishes them in batches) in one 'findings' event, up to
 * MAX_FINDINGS_PER_EVENT, in order. Its id is that of the batch's last finding in scans.events, so
 * both streams resume from the same ids.
 */
export const ScanBatchEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('progress'), progress: ScanProgressSchema }),
  z.object({ type: z.literal('findings'), findings: z.array(FindingSchema).min(1).max(MAX_FINDINGS_PER_EVENT) }),
  z.object({ type: z.literal('done'), state: ScanStateSchema }),
]);
export type ScanBatchEvent = z.infer<typeof ScanBatchEventSchema>;

export const ScanRefSchema = z.object({ scanId: z.string().min(1) });
export type ScanRef = z.infer<typeof ScanRefSchema>;

export const ScanEventsInputSchema = ScanRefSchema.extend({
  lastEventId: z.string().nullish(),
  /**
   * false: no findings, only progress and the end (a page that pages findings through
   * findings.page). The events logged before the subscription (after lastEventId) are then folded
   * into the latest progress (and the done event, when the scan is over); ids stay those of scans.events.
   */
  findings: z.boolean().optional(),
});
export type ScanEventsInput = z.infer<typeof ScanEventsInputSchema>;

export const FindingRefSchema = ScanRefSchema.extend({ findingId: z.string().min(1) });
export type FindingRef = z.infer<typeof FindingRefSchema>;

export const ThumbnailSchema = z.object({ mimeType: z.string(), dataBase64: z.string() });
export type Thumbnail = z.infer<typeof ThumbnailSchema>;
