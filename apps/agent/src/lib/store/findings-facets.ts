import { ConfidenceSchema, FindingFacetsRequestSchema, FoundBySchema, MAX_FACET_CAMERAS, OriginSchema, TrashKeeperSchema, ValidationStateSchema, type FacetCount, type FindingFacets, type FindingFacetsRequest, type FindingFilter } from '@afterimage/contracts';
import { filterWhere } from './findings-repo.js';
import type { Db } from './open-store.js';

type Row = { value: string | null; n: number };

/** The filter less the parts named: a facet is counted without its own part of the filter. */
const without = (filter: FindingFilter, ...keys: (keyof FindingFilter)[]): FindingFilter =>
  Object.fromEntries(Object.entries(filter).filter(([key]) => !keys.includes(key as keyof FindingFilter)));

const mostFirst = (rows: Row[]): FacetCount[] =>
  rows.flatMap((r) => (r.value === null ? [] : [{ value: r.value, count: r.n }])).sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1));

/** Every key of an enum facet, 0 when no finding has it. */
function keyed<K extends string>(keys: readonly K[], rows: Row[]): Record<K, number> {
  const counts = Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
  for (const r of rows) if (r.value !== null && keys.includes(r.value as K)) counts[r.value as K] += r.n;
  return counts;
}

/**
 * What a scan's findings offer to filter on, from the indexed columns of the findings table (camera
 * is stored as "make model"; no finding body is read). One query per facet, each with the filter
 * less that facet's own part.
 */
export function findingFacets(db: Db, request: FindingFacetsRequest): FindingFacets {
  const { scanId, filter } = FindingFacetsRequestSchema.parse(request);
  const query = <T>(select: string, f: FindingFilter, tail = ''): T[] => {
    const { sql, params } = filterWhere(scanId, f);
    return db.prepare(`SELECT ${select} FROM findings WHERE ${sql} ${tail}`).all(...params) as T[];
  };
  const groups = (column: string, f: FindingFilter) => query<Row>(`${column} AS value, COUNT(*) AS n`, f, `GROUP BY ${column}`);
  const total = query<{ n: number }>('COUNT(*) AS n', filter)[0]?.n ?? 0;
  const cameraRows = groups('camera', without(filter, 'camera'));
  const cameras = mostFirst(cameraRows);
  const dates = query<{ min: string | null; max: string | null; dated: number; n: number }>('MIN(taken_at) AS min, MAX(taken_at) AS max, COUNT(taken_at) AS dated, COUNT(*) AS n', without(filter, 'takenFrom', 'takenTo'))[0];
  const sizes = query<{ min: number | null; max: number | null }>('MIN(size) AS min, MAX(size) AS max', without(filter, 'minSize', 'maxSize'))[0];
  const confidence = groups('confidence', without(filter, 'confidence'));
  const trash = groups('trash', without(filter, 'trash'));
  return {
    total,
    formats: mostFirst(groups('format', without(filter, 'formats'))),
    cameras: cameras.slice(0, MAX_FACET_CAMERAS),
    camerasOmitted: Math.max(0, cameras.length - MAX_FACET_CAMERAS),
    withoutCamera: cameraRows.find((r) => r.value === null)?.n ?? 0,
    takenAt: {
      ...(dates?.min ? { min: dates.min } : {}),
      ...(dates?.max ? { max: dates.max } : {}),
      withDate: dates?.dated ?? 0,
      withoutDate: (dates?.n ?? 0) - (dates?.dated ?? 0),
    },
    size: { ...(sizes?.min !== null && sizes?.min !== undefined ? { min: sizes.min } : {}), ...(sizes?.max !== null && sizes?.max !== undefined ? { max: sizes.max } : {}) },
    states: keyed(ValidationStateSchema.options, groups('state', without(filter, 'states'))),
    foundBy: keyed(FoundBySchema.options, groups('found_by', without(filter, 'foundBy'))),
    origins: keyed(OriginSchema.options, groups('origin', without(filter, 'origins'))),
    confidence: keyed(ConfidenceSchema.options, confidence),
    withoutConfidence: confidence.find((r) => r.value === null)?.n ?? 0,
    trash: keyed(TrashKeeperSchema.options, trash),
    withoutTrash: trash.find((r) => r.value === null)?.n ?? 0,
  };
}
