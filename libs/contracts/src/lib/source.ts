import { z } from 'zod';

/**
 * Where bytes come from: the built-in demo card, an image file, a device (opened read-only), or a
 * folder (an iPhone backup, or a folder holding what Android's trash or a Windows Recycle Bin kept).
 */
export const SourceKindSchema = z.enum(['demo', 'image', 'device', 'folder']);
export type SourceKind = z.infer<typeof SourceKindSchema>;

/**
 * What a folder source is: a Finder / iTunes backup of an iPhone or iPad (its camera roll, Recently
 * Deleted included), or any other folder (a phone's storage copied to disk, a card, a Windows drive's
 * folder), where Android MediaStore's `.trashed-…`/`.pending-…` files and `$Recycle.Bin` items are found.
 */
export const FolderKindSchema = z.enum(['iphone-backup', 'folder']);
export type FolderKind = z.infer<typeof FolderKindSchema>;

export const SourceSchema = z.object({
  id: z.string().min(1),
  kind: SourceKindSchema,
  label: z.string(),
  path: z.string(),
  /** Bytes; for an iPhone backup its camera roll's, for a plain folder 0 (not measured: a scan counts what it finds). */
  sizeBytes: z.number().int().nonnegative(),
  description: z.string().optional(),
  /** A split image's files (name.001, name.002…), in order; absent for one file or a device. */
  pieces: z.array(z.string()).optional(),
  /** Present exactly when kind is 'folder'. */
  folderKind: FolderKindSchema.optional(),
  /** An iPhone backup protected by a backup password. */
  encrypted: z.boolean().optional(),
  /**
   * The agent holds no password for this encrypted backup (it keeps passwords in memory only, so
   * after a restart): a scan, a preview or a recovery answers NEEDS_PASSWORD until sources.unlock.
   */
  needsPassword: z.boolean().optional(),
});
export type Source = z.infer<typeof SourceSchema>;

export const AddImageSourceSchema = z.object({ path: z.string().min(1) });
export type AddImageSource = z.infer<typeof AddImageSourceSchema>;

/**
 * A folder as a source (sources.addFolder): an absolute path. An encrypted iPhone backup needs its
 * backup password (kept in the agent's memory only, never written anywhere); without it the answer
 * is NEEDS_PASSWORD, with a wrong one WRONG_PASSWORD.
 */
export const AddFolderSourceSchema = z.object({ path: z.string().min(1), password: z.string().min(1).optional() });
export type AddFolderSource = z.infer<typeof AddFolderSourceSchema>;

/** Gives the agent an encrypted backup's password again (after a restart): sources.unlock. */
export const UnlockSourceSchema = z.object({ sourceId: z.string().min(1), password: z.string().min(1) });
export type UnlockSource = z.infer<typeof UnlockSourceSchema>;
