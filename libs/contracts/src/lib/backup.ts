import { z } from 'zod';

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);

/** The kind of medium a copy is on, for the "two media" of 3-2-1. */
export const MediumSchema = z.enum(['disk', 'cloud']);
export type Medium = z.infer<typeof MediumSchema>;

/**
 * A provider hash kind (see @afterimage/cloud-adapters HashKind). 'sha256-no-gps': the copy was checked in every
 * byte but its location (Google Photos gives photos back without their GPS data), so it holds no location.
 */
export const HashKindSchema = z.enum(['sha256', 'md5', 'sha1', 'dropbox', 'quickxor', 'sha256-no-gps']);
export type HashKind = z.infer<typeof HashKindSchema>;

/** A place the agent backs photos up to, as it keeps it. */
export const BackupTargetConfigSchema = z.object({
  id: z.string(),
  /** The adapter: local-folder, google-drive, google-photos, dropbox, onedrive… */
  kind: z.string(),
  /** For people: "Folder or external drive", "Google Drive". */
  title: z.string(),
  /** A folder path (an absolute one for a local folder; inside the drive for a cloud), or an album title. */
  root: z.string(),
  /** Kept at another address (a cloud always is; a drive when its owner says so). */
  offsite: z.boolean(),
  /** The signed-in account a cloud target uses. */
  account: z.string().optional(),
  /** That account as people know it: the user's own label, else the provider's name or email (filled in by the agent when listing). */
  accountTitle: z.string().optional(),
  medium: MediumSchema,
  addedAt: z.string(),
});
export type BackupTargetConfig = z.infer<typeof BackupTargetConfigSchema>;

export const AddBackupTargetSchema = z.object({
  kind: z.string().min(1).max(64),
  root: z.string().min(1).max(4096),
  offsite: z.boolean().optional(),
  account: z.string().min(1).max(256).optional(),
  /**
   * The medium when it is not the adapter's own: a local folder that a cloud client keeps in sync
   * (a Dropbox or OneDrive folder) is a cloud copy. A cloud adapter is always 'cloud'.
   */
  medium: MediumSchema.optional(),
});
export type AddBackupTarget = z.infer<typeof AddBackupTargetSchema>;

export const TargetRefSchema = z.object({ targetId: z.string().min(1) });
export type TargetRef = z.infer<typeof TargetRefSchema>;

/** One copy of one photo: the recovered file itself, or a verified copy on a backup target. */
export const CopyRecordSchema = z.object({
  /** The photo (the sha256 of its recovered bytes). */
  sha256: Sha256,
  /** recovered: the file the recovery wrote (its target id is the recovery's id); backup: a target's copy. */
  kind: z.enum(['recovered', 'backup']),
  targetId: z.string(),
  /** The path inside the target (for a recovered file: its absolute path). */
  location: z.string(),
  medium: MediumSchema,
  offsite: z.boolean(),
  /** The hash the provider reported for the stored copy, which matched the bytes sent. */
  verifiedHash: z.string().min(1),
  hashKind: HashKindSchema,
  copiedAt: z.string(),
});
export type CopyRecord = z.infer<typeof CopyRecordSchema>;

/** What a photo lacks for 3-2-1: three copies, on two kinds of media, one of them offsite. */
export const LackingSchema = z.enum(['copies', 'media', 'offsite']);
export type Lacking = z.infer<typeof LackingSchema>;

export const PhotoBackupStatusSchema = z.object({
  sha256: Sha256,
  name: z.string(),
  size: z.number().int().nonnegative(),
  copies: z.array(CopyRecordSchema),
  media: z.array(MediumSchema),
  offsite: z.boolean(),
  meets321: z.boolean(),
  lacking: z.array(LackingSchema),
});
export type PhotoBackupStatus = z.infer<typeof PhotoBackupStatusSchema>;

/** Which photos a status page holds: all, those lacking something for 3-2-1, or those meeting it. */
export const BackupStatusShowSchema = z.enum(['all', 'lacking', 'meets']);
export type BackupStatusShow = z.infer<typeof BackupStatusShowSchema>;

/** Photos per status page when the request does not say (and the most one page holds). */
export const BACKUP_STATUS_PAGE = 100;
export const MAX_BACKUP_STATUS_PAGE = 500;

/** One page of the per-photo status, sorted by name (then sha256); the totals always cover every photo. */
export const BackupStatusRequestSchema = z.object({
  limit: z.number().int().min(1).max(MAX_BACKUP_STATUS_PAGE).optional(),
  offset: z.number().int().min(0).optional(),
  show: BackupStatusShowSchema.optional(),
  /** Only the photos that lack this part of 3-2-1. */
  lacking: LackingSchema.optional(),
  /** Only the photos whose name holds this text (case-insensitive). */
  name: z.string().max(200).optional(),
});
export type BackupStatusRequest = z.infer<typeof BackupStatusRequestSchema>;

export const BackupStatusSchema = z.object({
  /** This page's photos (BackupStatusRequest), sorted by name. */
  photos: z.array(PhotoBackupStatusSchema),
  /** Where the page is: its offset and limit, and how many photos match the request's filter in all. */
  page: z.object({ offset: z.number().int().nonnegative(), limit: z.number().int().positive(), matching: z.number().int().nonnegative() }),
  /** Photos each configured target holds a verified copy of, by target id. */
  held: z.record(z.string(), z.number().int().nonnegative()),
  totals: z.object({
    photos: z.number().int().nonnegative(),
    meets321: z.number().int().nonnegative(),
    /** Photos lacking each part of 3-2-1. */
    lacking: z.object({ copies: z.number().int().nonnegative(), media: z.number().int().nonnegative(), offsite: z.number().int().nonnegative() }),
    bytes: z.number().nonnegative(),
  }),
  targets: z.array(BackupTargetConfigSchema),
});
export type BackupStatus = z.infer<typeof BackupStatusSchema>;
