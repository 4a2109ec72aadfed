import { z } from 'zod';

/** A contiguous piece of a file in the source, in bytes from the start of the source. */
export const ByteRunSchema = z.object({
  offset: z.number().int().nonnegative(),
  length: z.number().int().nonnegative(),
});
export type ByteRun = z.infer<typeof ByteRunSchema>;

export const ValidationStateSchema = z.enum(['complete', 'truncated', 'corrupt']);
export type ValidationState = z.infer<typeof ValidationStateSchema>;

export const ValidationSchema = z.object({
  state: ValidationStateSchema,
  reasons: z.array(z.string()),
});
export type Validation = z.infer<typeof ValidationSchema>;

/** How a file was found: through a filesystem entry, by its content (carving), or both agreeing. */
export const FoundBySchema = z.enum(['filesystem', 'carving', 'both']);
export type FoundBy = z.infer<typeof FoundBySchema>;

/** deleted: a deleted entry or deleted space; live: still a file in the filesystem; lost: no filesystem knows it. */
export const OriginSchema = z.enum(['deleted', 'live', 'lost']);
export type Origin = z.infer<typeof OriginSchema>;

export const MediaMetadataSchema = z.object({
  takenAt: z.string().optional(),
  make: z.string().optional(),
  model: z.string().optional(),
  lens: z.string().optional(),
  width: z.number().int().positive().optional(),
  height: z.number().int().positive().optional(),
  orientation: z.number().int().optional(),
  gps: z.object({ latitude: z.number(), longitude: z.number() }).optional(),
});
export type MediaMetadata = z.infer<typeof MediaMetadataSchema>;

/** What the filesystem remembers of a file's life (ISO 8601); absent for carved-only files. */
export const FileTimesSchema = z.object({
  createdAt: z.string().optional(),
  modifiedAt: z.string().optional(),
  /** When it was deleted, where something kept it (a Recycle Bin `$I` file). */
  deletedAt: z.string().optional(),
});
export type FileTimes = z.infer<typeof FileTimesSchema>;

/**
 * How much to trust that the bytes are the file: high — the filesystem's own map of it (a live chain,
 * extents) and a complete structure; medium — a complete structure from a guess (a deleted file's
 * clusters) or from carving alone; low — the structure is truncated or corrupt.
 */
export const ConfidenceSchema = z.enum(['high', 'medium', 'low']);
export type Confidence = z.infer<typeof ConfidenceSchema>;

/**
 * A finding that is a whole file of a folder source (an iPhone backup, a folder with Android's trash
 * or a Recycle Bin): the file, relative to the source folder, '/'-separated. Its bytes are that whole
 * file (for an iPhone backup, the stored file decrypted), and `byteRuns` is one run over it,
 * { offset: 0, length: size }, in the file's own bytes, not the folder's.
 */
export const FindingFileSchema = z.object({ path: z.string().min(1) });
export type FindingFile = z.infer<typeof FindingFileSchema>;

/**
 * What kept a deleted file aside: an iPhone's Recently Deleted album, Android MediaStore's trash or
 * its pending files (an app that never finished writing one), a Windows Recycle Bin.
 */
export const TrashKeeperSchema = z.enum(['iphone-recently-deleted', 'android-trash', 'android-pending', 'recycle-bin']);
export type TrashKeeper = z.infer<typeof TrashKeeperSchema>;

export const FindingTrashSchema = z.object({
  by: TrashKeeperSchema,
  /** When it was put there (ISO 8601), when known (for Android's trash, its expiry less 30 days). */
  deletedAt: z.string().optional(),
  /** When the phone purges (or purged) it for good: Recently Deleted 30 days on, MediaStore's expiry. */
  purgeAt: z.string().optional(),
});
export type FindingTrash = z.infer<typeof FindingTrashSchema>;

export const FindingSchema = z.object({
  id: z.string().min(1),
  /** Format id, e.g. "jpeg". */
  format: z.string(),
  extension: z.string(),
  mimeType: z.string(),
  /** The best name known: the filesystem's, else one built from EXIF, else the byte offset. */
  name: z.string(),
  /** The path inside the source's filesystem, when a filesystem entry named it. */
  originalPath: z.string().optional(),
  times: FileTimesSchema.optional(),
  origin: OriginSchema,
  foundBy: FoundBySchema,
  byteRuns: z.array(ByteRunSchema).min(1),
  size: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  validation: ValidationSchema,
  confidence: ConfidenceSchema.optional(),
  metadata: MediaMetadataSchema,
  hasThumbnail: z.boolean(),
  /** For a folder source: the file the bytes are (byteRuns is one run over it). */
  file: FindingFileSchema.optional(),
  /** The trash (or Recycle Bin, or Recently Deleted) that kept it, and when it goes for good. */
  trash: FindingTrashSchema.optional(),
  /** The other half of a Live Photo (the movie of a still, the still of a movie): that finding's id. */
  livePhotoPair: z.string().optional(),
});
export type Finding = z.infer<typeof FindingSchema>;
