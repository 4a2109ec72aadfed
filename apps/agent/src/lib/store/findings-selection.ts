import { FindingIdsRequestSchema, type Finding, type FindingFilter, type FindingIds, type FindingIdsRequest } from '@afterimage/contracts';
import { filterWhere, sortOrder } from './findings-repo.js';
import type { Db } from './open-store.js';

/** One page of the ids that match a filter, in findings.page's order; no finding is read whole. */
export function findingIds(db: Db, request: FindingIdsRequest): FindingIds {
  const { scanId, filter, sort, descending, offset, limit } = FindingIdsRequestSchema.parse(request);
  const { sql, params } = filterWhere(scanId, filter);
  const total = (db.prepare(`SELECT COUNT(*) AS n FROM findings WHERE ${sql}`).get(...params) as { n: number }).n;
  const rows = db.prepare(`SELECT id FROM findings WHERE ${sql} ORDER BY ${sortOrder(sort, descending)} LIMIT ? OFFSET ?`).all(...params, limit, offset) as { id: string }[];
  return { total, offset, ids: rows.map((r) => r.id) };
}

/**
 * The findings that match a filter (all of the scan's with an empty one), less `exceptIds`, in the
 * order found: a recovery's "all that match" chosen in the database, the ids left out bound as one
 * JSON array (no limit on how many).
 */
export function selectedFindings(db: Db, scanId: string, filter: FindingFilter = {}, exceptIds: readonly string[] = []): Finding[] {
  const { sql, params } = filterWhere(scanId, filter);
  const except = exceptIds.length > 0 ? ' AND id NOT IN (SELECT value FROM json_each(?))' : '';
  const rows = db.prepare(`SELECT body FROM findings WHERE ${sql}${except} ORDER BY seq`).all(...params, ...(except ? [JSON.stringify(exceptIds)] : [])) as { body: string }[];
  return rows.map((r) => JSON.parse(r.body) as Finding);
}
