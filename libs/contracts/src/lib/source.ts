import { z } from 'zod';

/** Where bytes come from: the built-in demo card, an image file, or a device (opened read-only). */
export const SourceKindSchema = z.enum(['demo', 'image', 'device']);
export type SourceKind = z.infer<typeof SourceKindSchema>;

export const SourceSchema = z.object({
  id: z.string().min(1),
  kind: SourceKindSchema,
  label: z.string(),
  path: z.string(),
  sizeBytes: z.number().int().nonnegative(),
  description: z.string().optional(),
  /** A split image's files (name.001, name.002…), in order; absent for one file or a device. */
  pieces: z.array(z.string()).optional(),
});
export type Source = z.infer<typeof SourceSchema>;

export const AddImageSourceSchema = z.object({ path: z.string().min(1) });
export type AddImageSource = z.infer<typeof AddImageSourceSchema>;
