import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '@afterimage/contracts';
import { findingFacets } from './findings-facets.js';
import { FindingsRepo } from './findings-repo.js';
import { findingIds, selectedFindings } from './findings-selection.js';
import { openStore, type Db } from './open-store.js';
import { SessionsRepo } from './sessions-repo.js';

let dir: string;
let db: Db;

/** Twelve findings whose facets are easy to count by hand; f-0 has no camera, date or confidence. */
function finding(i: number): Finding {
  const camera = i === 0 ? {} : i % 3 === 0 ? { make: 'Apple', model: 'iPhone 8' } : { make: 'Canon', model: 'EOS 450D' };
  return {
    id: `f-${i}`,
    format: i % 4 === 0 ? 'heic' : 'jpeg',
    extension: 'jpg',
    mimeType: 'image/jpeg',
    name: `IMG_${String(i).padStart(4, '0')}.JPG`,
    origin: i < 6 ? 'deleted' : i < 10 ? 'live' : 'lost',
    foundBy: i < 10 ? 'both' : 'carving',
    byteRuns: [{ offset: 4096 * (i + 1), length: 100 + i }],
    size: 100 + i,
    sha256: i.toString(16).padStart(64, '0'),
    validation: { state: i === 7 ? 'corrupt' : i % 5 === 4 ? 'truncated' : 'complete', reasons: [] },
    ...(i === 0 ? {} : { confidence: i % 5 === 4 || i === 7 ? ('low' as const) : ('high' as const) }),
    metadata: { ...(i === 0 ? {} : { takenAt: `2024-0${1 + (i % 9)}-15T10:00:00` }), ...camera },
    hasThumbnail: false,
  };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'findings-selection-'));
  db = openStore(join(dir, 'afterimage.db'));
  const sessions = new SessionsRepo(db);
  sessions.saveSource({ id: 'src', kind: 'image', label: 'card.img', path: '/card.img', sizeBytes: 1 << 20 });
  const progress = { bytesDone: 0, bytesTotal: 1 << 20, rateBytesPerSecond: 0, findingsByFormat: {} };
  sessions.createScan({ id: 'scan', sourceId: 'src', status: 'done', startedAt: '2026-01-01T00:00:00.000Z', progress, findingCount: 12 }, { sourceId: 'src' });
  new FindingsRepo(db).add('scan', Array.from({ length: 12 }, (_, i) => finding(i)));
});
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('findings facets', () => {
  it('counts every value a filter can take, from the stored columns', () => {
    const facets = findingFacets(db, { scanId: 'scan' });
    expect(facets.total).toBe(12);
    expect(facets.formats).toEqual([
      { value: 'jpeg', count: 9 },
      { value: 'heic', count: 3 },
    ]);
    expect(facets.cameras).toEqual([
      { value: 'Canon EOS 450D', count: 8 },
      { value: 'Apple iPhone 8', count: 3 },
    ]);
    expect(facets).toMatchObject({ camerasOmitted: 0, withoutCamera: 1, withoutConfidence: 1 });
    expect(facets.takenAt).toEqual({ min: '2024-01-15T10:00:00', max: '2024-09-15T10:00:00', withDate: 11, withoutDate: 1 });
    expect(facets.size).toEqual({ min: 100, max: 111 });
    expect(facets.states).toEqual({ complete: 9, truncated: 2, corrupt: 1 });
    expect(facets.origins).toEqual({ deleted: 6, live: 4, lost: 2 });
    expect(facets.foundBy).toEqual({ filesystem: 0, carving: 2, both: 10 });
    expect(facets.confidence).toEqual({ high: 8, medium: 0, low: 3 });
  });

  it('counts each facet with the rest of the filter, leaving its own part out', () => {
    const facets = findingFacets(db, { scanId: 'scan', filter: { origins: ['deleted'], camera: 'canon' } });
    // Deleted Canon photos: f-1, f-2, f-4, f-5.
    expect(facets.total).toBe(4);
    // Origins of the Canon photos (the origin filter left out): 1, 2, 4, 5 deleted; 7, 8, 10, 11 live or lost.
    expect(facets.origins).toEqual({ deleted: 4, live: 2, lost: 2 });
    // Cameras of the deleted photos (the camera filter left out): f-0 has none, f-3 is an iPhone.
    expect(facets.cameras).toEqual([
      { value: 'Canon EOS 450D', count: 4 },
      { value: 'Apple iPhone 8', count: 1 },
    ]);
    expect(facets.withoutCamera).toBe(1);
    expect(facets.states).toEqual({ complete: 3, truncated: 1, corrupt: 0 });
  });

  it('has every key and no bounds when nothing matches', () => {
    const facets = findingFacets(db, { scanId: 'scan', filter: { text: 'no-such-name' } });
    expect(facets).toMatchObject({ total: 0, formats: [], cameras: [], size: {}, takenAt: { withDate: 0, withoutDate: 0 } });
    expect(facets.states).toEqual({ complete: 0, truncated: 0, corrupt: 0 });
  });
});

describe('finding ids and selections', () => {
  it('pages the ids that match in findings.page order', () => {
    const bySize = findingIds(db, { scanId: 'scan', filter: { formats: ['jpeg'] }, sort: 'size', descending: true, offset: 2, limit: 3 });
    expect(bySize).toEqual({ total: 9, offset: 2, ids: ['f-9', 'f-7', 'f-6'] });
    const whole = findingIds(db, { scanId: 'scan' });
    expect(whole.ids).toHaveLength(12);
    expect(whole.ids.slice(0, 2)).toEqual(['f-0', 'f-1']);
  });

  it('selects the findings that match less those left out, in the order found, with any number left out', () => {
    const chosen = selectedFindings(db, 'scan', { origins: ['deleted'] }, ['f-2', 'no-such-id']);
    expect(chosen.map((f) => f.id)).toEqual(['f-0', 'f-1', 'f-3', 'f-4', 'f-5']);
    expect(chosen[0]).toEqual(JSON.parse(JSON.stringify(finding(0))));
    // More ids than SQLite takes as separate parameters (32,766): they travel as one JSON array.
    const many = [...Array.from({ length: 40_000 }, (_, i) => `x-${i}`), 'f-11'];
    expect(selectedFindings(db, 'scan', {}, many)).toHaveLength(11);
    expect(selectedFindings(db, 'scan')).toHaveLength(12);
  });
});
