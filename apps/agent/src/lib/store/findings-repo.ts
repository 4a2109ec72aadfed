import { FindingsPageRequestSchema, type Finding, type FindingFilter, type FindingSort, type FindingsPage, type FindingsPageRequest, type TrashChoice } from '@afterimage/contracts';
import type { Db } from './open-store.js';

const SORT_COLUMNS = { offset: 'first_offset', name: 'name', takenAt: 'taken_at', size: 'size', format: 'format' } as const;

const camera = (f: Finding) => [f.metadata.make, f.metadata.model].filter(Boolean).join(' ') || null;

/** WHERE clauses and their parameters for a filter; every value is bound, never spliced in. */
export function filterWhere(scanId: string, filter: FindingFilter): { sql: string; params: unknown[] } {
  const clauses = ['scan_id = ?'];
  const params: unknown[] = [scanId];
  const oneOf = (column: string, values: readonly string[] | undefined) => {
    if (!values) return;
    clauses.push(values.length ? `${column} IN (${values.map(() => '?').join(', ')})` : '0');
    params.push(...values);
  };
  oneOf('format', filter.formats);
  oneOf('origin', filter.origins);
  oneOf('found_by', filter.foundBy);
  oneOf('state', filter.states);
  oneOf('confidence', filter.confidence);
  if (filter.trash) {
    const [sql, values] = trashClause(filter.trash);
    clauses.push(sql);
    params.push(...values);
  }
  const bound = (clause: string, value: unknown) => {
    if (value === undefined) return;
    clauses.push(clause);
    params.push(value);
  };
  bound('taken_at >= ?', filter.takenFrom);
  bound('taken_at <= ?', filter.takenTo);
  bound('size >= ?', filter.minSize);
  bound('size <= ?', filter.maxSize);
  if (filter.camera) bound("camera LIKE ? ESCAPE '\\'", `%${escapeLike(filter.camera)}%`);
  if (filter.text) {
    clauses.push("(name LIKE ? ESCAPE '\\' OR original_path LIKE ? ESCAPE '\\')");
    params.push(`%${escapeLike(filter.text)}%`, `%${escapeLike(filter.text)}%`);
  }
  return { sql: clauses.join(' AND '), params };
}

/** The ORDER BY of a sort: ties broken by the order found; unknown dates last either way (each direction has an index that puts them there). */
export function sortOrder(sort: FindingSort, descending: boolean): string {
  const direction = descending ? 'DESC' : 'ASC';
  if (sort !== 'takenAt') return `${SORT_COLUMNS[sort]} ${direction}, seq ${direction}`;
  return descending ? 'taken_at IS NOT NULL DESC, taken_at DESC, seq DESC' : 'taken_at IS NULL, taken_at, seq';
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The trash filter: any of its choices (a kind of trash, any trash, none) matches. */
function trashClause(choices: readonly TrashChoice[]): [string, unknown[]] {
  const kinds = choices.filter((c) => c !== 'any' && c !== 'none');
  const parts = [
    ...(choices.includes('any') ? ['trash IS NOT NULL'] : []),
    ...(choices.includes('none') ? ['trash IS NULL'] : []),
    ...(kinds.length ? [`trash IN (${kinds.map(() => '?').join(', ')})`] : []),
  ];
  return [parts.length ? `(${parts.join(' OR ')})` : '0', kinds];
}

/** A scan's findings: written as they come, paged with filters and sorting for the results views. */
export class FindingsRepo {
  private readonly insert;
  private readonly nextSeq;

  constructor(private readonly db: Db) {
    this.insert = db.prepare(`INSERT OR IGNORE INTO findings
      (scan_id, id, seq, first_offset, name, original_path, format, origin, found_by, state, confidence, size, sha256, taken_at, camera, trash, body)
      VALUES (@scanId, @id, @seq, @offset, @name, @originalPath, @format, @origin, @foundBy, @state, @confidence, @size, @sha256, @takenAt, @camera, @trash, @body)`);
    this.nextSeq = db.prepare('SELECT COALESCE(MAX(seq), -1) + 1 AS seq FROM findings WHERE scan_id = ?');
  }

  /**
   * Adds findings in one transaction, in order after those already there, and returns those that were
   * new: one with the same bytes at the same place as a stored one (met again after a resume) is dropped.
   */
  add(scanId: string, findings: readonly Finding[]): Finding[] {
    return this.db.transaction(() => {
      let seq = (this.nextSeq.get(scanId) as { seq: number }).seq;
      const added: Finding[] = [];
      for (const f of findings) {
        const at = seq++;
        const { changes } = this.insert.run({
          scanId,
          id: f.id,
          seq: at,
          // A folder finding is a whole file (its run starts at 0): its place is the order it was found in.
          offset: f.file ? at : (f.byteRuns[0]?.offset ?? 0),
          name: f.name,
          originalPath: f.originalPath ?? null,
          format: f.format,
          origin: f.origin,
          foundBy: f.foundBy,
          state: f.validation.state,
          confidence: f.confidence ?? null,
          size: f.size,
          sha256: f.sha256,
          takenAt: f.metadata.takenAt ?? null,
          camera: camera(f),
          trash: f.trash?.by ?? null,
          body: JSON.stringify(f),
        });
        if (changes > 0) added.push(f);
        seq += changes - 1;
      }
      return added;
    })();
  }

  get(scanId: string, findingId: string): Finding | undefined {
    const row = this.db.prepare('SELECT body FROM findings WHERE scan_id = ? AND id = ?').get(scanId, findingId) as { body: string } | undefined;
    return row ? (JSON.parse(row.body) as Finding) : undefined;
  }

  /** Every finding of a scan in the order found. */
  all(scanId: string): Finding[] {
    const rows = this.db.prepare('SELECT body FROM findings WHERE scan_id = ? ORDER BY seq').all(scanId) as { body: string }[];
    return rows.map((r) => JSON.parse(r.body) as Finding);
  }

  count(scanId: string): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM findings WHERE scan_id = ?').get(scanId) as { n: number }).n;
  }

  /** One page of the findings that match, sorted (ties broken by the order found, so pages never overlap). */
  page(request: FindingsPageRequest): FindingsPage {
    const { scanId, filter, sort, descending, offset, limit } = FindingsPageRequestSchema.parse(request);
    const { sql, params } = filterWhere(scanId, filter);
    const total = (this.db.prepare(`SELECT COUNT(*) AS n FROM findings WHERE ${sql}`).get(...params) as { n: number }).n;
    const order = sortOrder(sort, descending);
    // The page's rows are found through the index alone, then only they are read whole.
    const rows = this.db
      .prepare(
        `SELECT f.body FROM (SELECT rowid AS r FROM findings WHERE ${sql} ORDER BY ${order} LIMIT ? OFFSET ?) AS page
         JOIN findings AS f ON f.rowid = page.r ORDER BY ${order.replace(/(^|, )(\w)/g, '$1f.$2')}`,
      )
      .all(...params, limit, offset) as { body: string }[];
    return { total, offset, findings: rows.map((r) => JSON.parse(r.body) as Finding) };
  }
}
