import { z } from 'zod';
import { ConfidenceSchema, FoundBySchema, OriginSchema, TrashKeeperSchema, ValidationStateSchema } from './finding.js';
import { FindingFilterSchema, FindingSortSchema } from './findings-page.js';

const count = z.number().int().nonnegative();

/** The ids of the findings that match a filter, in findings.page's order, a bounded page at a time. */
export const FindingIdsRequestSchema = z.object({
  scanId: z.string().min(1),
  filter: FindingFilterSchema.default({}),
  sort: FindingSortSchema.default('offset'),
  descending: z.boolean().default(false),
  offset: z.number().int().nonnegative().default(0),
  limit: z.number().int().min(1).max(10_000).default(10_000),
});
export type FindingIdsRequest = z.input<typeof FindingIdsRequestSchema>;

export const FindingIdsSchema = z.object({
  /** Findings that match the filter, in all. */
  total: count,
  offset: count,
  ids: z.array(z.string()),
});
export type FindingIds = z.infer<typeof FindingIdsSchema>;

export const FindingFacetsRequestSchema = z.object({
  scanId: z.string().min(1),
  filter: FindingFilterSchema.default({}),
});
export type FindingFacetsRequest = z.input<typeof FindingFacetsRequestSchema>;

/** A value of a facet and how many findings have it. */
export const FacetCountSchema = z.object({ value: z.string(), count });
export type FacetCount = z.infer<typeof FacetCountSchema>;

/** At most this many cameras are listed (the most common); `camerasOmitted` says how many more there are. */
export const MAX_FACET_CAMERAS = 100;

/**
 * What a results view's filters can offer, with counts. `total` counts the findings that match the
 * whole filter; each facet counts those that match every other part of it (its own part left out),
 * so a filter panel shows what choosing another value would give. Every key of states, foundBy,
 * origins, confidence and trash is present (0 when none).
 */
export const FindingFacetsSchema = z.object({
  total: count,
  /** Format ids, most common first. */
  formats: z.array(FacetCountSchema),
  /** Cameras ("make model" as findings.page's camera filter matches it), most common first. */
  cameras: z.array(FacetCountSchema),
  camerasOmitted: count,
  withoutCamera: count,
  /** EXIF dates taken: the earliest and latest, and how many findings have one or none. */
  takenAt: z.object({ min: z.string().optional(), max: z.string().optional(), withDate: count, withoutDate: count }),
  /** Sizes in bytes, smallest and largest (absent when nothing matches). */
  size: z.object({ min: count.optional(), max: count.optional() }),
  states: z.record(ValidationStateSchema, count),
  foundBy: z.record(FoundBySchema, count),
  origins: z.record(OriginSchema, count),
  confidence: z.record(ConfidenceSchema, count),
  /** Findings stored before confidence was rated (no filter value selects them alone). */
  withoutConfidence: count,
  /** Findings each trash kept (Finding.trash.by); their sum is what the trash filter's `any` selects. */
  trash: z.record(TrashKeeperSchema, count),
  /** Findings that came from no trash (the trash filter's `none`). */
  withoutTrash: count,
});
export type FindingFacets = z.infer<typeof FindingFacetsSchema>;
