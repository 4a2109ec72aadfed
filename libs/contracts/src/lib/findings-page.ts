import { z } from 'zod';
import { ConfidenceSchema, FindingSchema, FoundBySchema, OriginSchema, TrashKeeperSchema, ValidationStateSchema } from './finding.js';

/**
 * Which trash a finding came from, for a filter: one kind (`Finding.trash.by`), `any` (kept by any
 * trash) or `none` (not from a trash).
 */
export const TrashChoiceSchema = z.enum(['any', 'none', ...TrashKeeperSchema.options]);
export type TrashChoice = z.infer<typeof TrashChoiceSchema>;

/** What a results view filters on; every field narrows, an empty filter keeps everything. */
export const FindingFilterSchema = z.object({
  /** Format ids (jpeg, cr2, mp4…). */
  formats: z.array(z.string()).optional(),
  origins: z.array(OriginSchema).optional(),
  foundBy: z.array(FoundBySchema).optional(),
  states: z.array(ValidationStateSchema).optional(),
  confidence: z.array(ConfidenceSchema).optional(),
  /** Findings that came from a trash: a finding matches when one of these choices does. */
  trash: z.array(TrashChoiceSchema).optional(),
  /** EXIF date taken, ISO 8601, inclusive bounds. */
  takenFrom: z.string().optional(),
  takenTo: z.string().optional(),
  /** Camera make or model, matched as a case-insensitive substring. */
  camera: z.string().optional(),
  minSize: z.number().int().nonnegative().optional(),
  maxSize: z.number().int().nonnegative().optional(),
  /** Name or original path, case-insensitive substring. */
  text: z.string().optional(),
});
export type FindingFilter = z.infer<typeof FindingFilterSchema>;

export const FindingSortSchema = z.enum(['offset', 'name', 'takenAt', 'size', 'format']);
export type FindingSort = z.infer<typeof FindingSortSchema>;

export const FindingsPageRequestSchema = z.object({
  scanId: z.string().min(1),
  filter: FindingFilterSchema.default({}),
  sort: FindingSortSchema.default('offset'),
  descending: z.boolean().default(false),
  offset: z.number().int().nonnegative().default(0),
  limit: z.number().int().min(1).max(1000).default(200),
});
export type FindingsPageRequest = z.input<typeof FindingsPageRequestSchema>;

export const FindingsPageSchema = z.object({
  /** Findings that match the filter, in all. */
  total: z.number().int().nonnegative(),
  offset: z.number().int().nonnegative(),
  findings: z.array(FindingSchema),
});
export type FindingsPage = z.infer<typeof FindingsPageSchema>;
