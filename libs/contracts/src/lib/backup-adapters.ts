import { z } from 'zod';
import { AccountProviderSchema } from './accounts.js';
import { MediumSchema } from './backup.js';

/**
 * A kind of backup target the agent can add (a row of cloud-adapters' registry), as the dashboard's
 * "add a target" form and `afterimage backup targets kinds` describe it.
 */
export const BackupAdapterSchema = z.object({
  /** What `backup targets add KIND` takes: local-folder, google-drive… */
  kind: z.string(),
  /** For people: "Google Drive". */
  title: z.string(),
  medium: MediumSchema,
  /** always: a cloud is somewhere else; optional: a drive is offsite when its owner says so. */
  offsite: z.enum(['always', 'optional']),
  /** The provider whose signed-in account it needs; absent for a folder, which needs an absolute path. */
  account: AccountProviderSchema.optional(),
  /** What its root is, in words: "Folder in your Dropbox", "Album"; a default to offer, and a hint. */
  root: z.object({ label: z.string(), help: z.string(), default: z.string().optional(), absolutePath: z.boolean() }),
  /** What it cannot do, each in a plain sentence, by ability (trash, remove, resume…: Google Photos cannot delete…). */
  limits: z.record(z.string(), z.string()),
});
export type BackupAdapter = z.infer<typeof BackupAdapterSchema>;
