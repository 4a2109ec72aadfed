import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding, FindingFilter, TrashKeeper } from '@afterimage/contracts';
import { findingFacets } from './findings-facets.js';
import { FindingsRepo } from './findings-repo.js';
import { findingIds, selectedFindings } from './findings-selection.js';
import { MIGRATIONS } from './migrations.js';
import { openStore, type Db } from './open-store.js';
import { SessionsRepo } from './sessions-repo.js';

let dir: string;
let db: Db;

/** Where each of ten findings was kept: f-0…f-2 Recently Deleted, f-3 f-4 Android's trash, f-5 a Recycle Bin, f-6 pending, the rest no trash. */
const KEPT: (TrashKeeper | undefined)[] = ['iphone-recently-deleted', 'iphone-recently-deleted', 'iphone-recently-deleted', 'android-trash', 'android-trash', 'recycle-bin', 'android-pending'];

function finding(i: number): Finding {
  const by = KEPT[i];
  return {
    id: `f-${i}`,
    format: i % 2 === 0 ? 'heic' : 'jpeg',
    extension: 'jpg',
    mimeType: 'image/jpeg',
    name: `IMG_${String(i).padStart(4, '0')}.JPG`,
    origin: by ? 'deleted' : 'live',
    foundBy: 'filesystem',
    byteRuns: [{ offset: 0, length: 10 + i }],
    size: 10 + i,
    sha256: i.toString(16).padStart(64, '0'),
    validation: { state: 'complete', reasons: [] },
    confidence: 'high',
    metadata: {},
    hasThumbnail: false,
    file: { path: `DCIM/${i}.jpg` },
    ...(by ? { trash: { by, purgeAt: '2024-07-20T08:15:00.000Z' } } : {}),
  };
}
const ALL = Array.from({ length: 10 }, (_, i) => finding(i));

function addScan(target: Db, scanId: string): void {
  const sessions = new SessionsRepo(target);
  sessions.saveSource({ id: `src-${scanId}`, kind: 'image', label: 'phone', path: `/phone-${scanId}`, sizeBytes: 1 << 20 });
  const progress = { bytesDone: 0, bytesTotal: 1 << 20, rateBytesPerSecond: 0, findingsByFormat: {} };
  sessions.createScan({ id: scanId, sourceId: `src-${scanId}`, status: 'done', startedAt: '2026-01-01T00:00:00.000Z', progress, findingCount: ALL.length }, { sourceId: `src-${scanId}` });
}

const pageIds = (filter: FindingFilter) => new FindingsRepo(db).page({ scanId: 'scan', filter, limit: 100 }).findings.map((f) => f.id);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'findings-trash-'));
  db = openStore(join(dir, 'afterimage.db'));
  addScan(db, 'scan');
  new FindingsRepo(db).add('scan', ALL);
});
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the trash filter', () => {
  it('selects one kind of trash, any trash, or none', () => {
    expect(pageIds({ trash: ['iphone-recently-deleted'] })).toEqual(['f-0', 'f-1', 'f-2']);
    expect(pageIds({ trash: ['recycle-bin'] })).toEqual(['f-5']);
    expect(pageIds({ trash: ['any'] })).toEqual(['f-0', 'f-1', 'f-2', 'f-3', 'f-4', 'f-5', 'f-6']);
    expect(pageIds({ trash: ['none'] })).toEqual(['f-7', 'f-8', 'f-9']);
  });

  it('matches when one of several choices does, and nothing for an empty list', () => {
    expect(pageIds({ trash: ['android-trash', 'android-pending'] })).toEqual(['f-3', 'f-4', 'f-6']);
    expect(pageIds({ trash: ['none', 'recycle-bin'] })).toEqual(['f-5', 'f-7', 'f-8', 'f-9']);
    expect(pageIds({ trash: ['any', 'none'] })).toHaveLength(10);
    expect(pageIds({ trash: [] })).toEqual([]);
  });

  it('narrows together with the other filters, in findings.ids and a recovery’s selection too', () => {
    expect(pageIds({ trash: ['any'], formats: ['heic'] })).toEqual(['f-0', 'f-2', 'f-4', 'f-6']);
    expect(findingIds(db, { scanId: 'scan', filter: { trash: ['android-trash', 'recycle-bin'] } })).toEqual({ total: 3, offset: 0, ids: ['f-3', 'f-4', 'f-5'] });
    const chosen = selectedFindings(db, 'scan', { trash: ['iphone-recently-deleted'] }, ['f-1']);
    expect(chosen.map((f) => f.id)).toEqual(['f-0', 'f-2']);
    expect(chosen[0]?.trash?.by).toBe('iphone-recently-deleted');
  });
});

describe('the trash facet', () => {
  it('counts each trash and the findings of none', () => {
    const facets = findingFacets(db, { scanId: 'scan' });
    expect(facets.trash).toEqual({ 'iphone-recently-deleted': 3, 'android-trash': 2, 'android-pending': 1, 'recycle-bin': 1 });
    expect(facets.withoutTrash).toBe(3);
  });

  it('leaves the trash filter out of its own counts, and narrows the other facets by it', () => {
    const facets = findingFacets(db, { scanId: 'scan', filter: { trash: ['android-trash'], formats: ['heic'] } });
    expect(facets.total).toBe(1); // f-4
    // Every trash among the HEICs (f-0 f-2 f-4 f-6 f-8): the trash part is left out.
    expect(facets.trash).toEqual({ 'iphone-recently-deleted': 2, 'android-trash': 1, 'android-pending': 1, 'recycle-bin': 0 });
    expect(facets.withoutTrash).toBe(1);
    // Formats of what Android's trash kept (f-3 jpeg, f-4 heic).
    expect(facets.formats).toEqual([
      { value: 'heic', count: 1 },
      { value: 'jpeg', count: 1 },
    ]);
  });

  it('counts what findings.page totals for each choice', () => {
    const facets = findingFacets(db, { scanId: 'scan', filter: { formats: ['jpeg'] } });
    const total = (trash: FindingFilter['trash']) => new FindingsRepo(db).page({ scanId: 'scan', filter: { formats: ['jpeg'], trash }, limit: 1 }).total;
    for (const [by, n] of Object.entries(facets.trash)) expect(total([by as TrashKeeper])).toBe(n);
    expect(total(['none'])).toBe(facets.withoutTrash);
    expect(total(['any'])).toBe(Object.values(facets.trash).reduce((a, b) => a + b, 0));
  });
});

describe('findings stored before the trash column', () => {
  it('are given their trash when the database is brought up to date', () => {
    const path = join(dir, 'old.db');
    const old = new Database(path);
    for (const sql of MIGRATIONS.slice(0, 7)) old.exec(sql);
    old.pragma('user_version = 7');
    addScan(old, 'old');
    const insert = old.prepare(`INSERT INTO findings (scan_id, id, seq, first_offset, name, format, origin, found_by, state, confidence, size, sha256, body)
      VALUES ('old', @id, @seq, @seq, @name, @format, @origin, 'filesystem', 'complete', 'high', @size, @sha256, @body)`);
    ALL.forEach((f, seq) => insert.run({ id: f.id, seq, name: f.name, format: f.format, origin: f.origin, size: f.size, sha256: f.sha256, body: JSON.stringify(f) }));
    old.close();

    const updated = openStore(path);
    try {
      expect(updated.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
      expect(findingIds(updated, { scanId: 'old', filter: { trash: ['android-trash'] } }).ids).toEqual(['f-3', 'f-4']);
      expect(findingFacets(updated, { scanId: 'old' }).trash).toEqual({ 'iphone-recently-deleted': 3, 'android-trash': 2, 'android-pending': 1, 'recycle-bin': 1 });
      // The facet is counted from the index, without reading each finding's stored body.
      const plan = updated.prepare("EXPLAIN QUERY PLAN SELECT trash, COUNT(*) FROM findings WHERE scan_id = 'old' AND format IN ('heic') GROUP BY trash").all() as { detail: string }[];
      expect(plan.map((p) => p.detail).join('\n')).toMatch(/COVERING INDEX findings_facets/);
    } finally {
      updated.close();
    }
  });
});
