import { z } from 'zod';

/** An item in a backup target's trash (or deleted files) that can be put back. */
export const TrashItemSchema = z.object({
  targetId: z.string(),
  /** What restore takes (the provider's own id). */
  id: z.string(),
  name: z.string(),
  path: z.string().optional(),
  size: z.number().int().nonnegative().optional(),
  deletedAt: z.string().optional(),
  mimeType: z.string().optional(),
});
export type TrashItem = z.infer<typeof TrashItemSchema>;

export const TrashListRequestSchema = z.object({ targetId: z.string().min(1).optional() });
export type TrashListRequest = z.infer<typeof TrashListRequestSchema>;

export const TrashListSchema = z.object({
  items: z.array(TrashItemSchema),
  /** Targets whose trash cannot be listed, and why (a folder has none; Google Photos has no API for it). */
  unavailable: z.array(z.object({ targetId: z.string(), title: z.string(), reason: z.string() })),
});
export type TrashList = z.infer<typeof TrashListSchema>;

export const TrashRestoreRequestSchema = z.object({
  targetId: z.string().min(1),
  itemIds: z.array(z.string().min(1)).min(1).max(1000),
});
export type TrashRestoreRequest = z.infer<typeof TrashRestoreRequestSchema>;

export const TrashRestoreResultSchema = z.object({
  restored: z.array(z.object({ id: z.string(), name: z.string(), path: z.string() })),
  failed: z.array(z.object({ id: z.string(), reason: z.string() })),
});
export type TrashRestoreResult = z.infer<typeof TrashRestoreResultSchema>;

/** A preview of one trashed item: `thumb` for a list (256 px), `large` for a closer look (1024 px). */
export const TrashPreviewRequestSchema = z.object({
  targetId: z.string().min(1).max(200),
  itemId: z.string().min(1).max(4096),
  size: z.enum(['thumb', 'large']).default('thumb'),
});
export type TrashPreviewRequest = z.input<typeof TrashPreviewRequestSchema>;

/** A JPEG made by the agent from what the provider gave, or why there is none (not an image, a target that cannot). */
export const TrashPreviewSchema = z.discriminatedUnion('available', [
  z.object({
    available: z.literal(true),
    mimeType: z.literal('image/jpeg'),
    dataBase64: z.string(),
    width: z.number().int().positive(),
    height: z.number().int().positive(),
  }),
  z.object({ available: z.literal(false), reason: z.string() }),
]);
export type TrashPreview = z.infer<typeof TrashPreviewSchema>;
