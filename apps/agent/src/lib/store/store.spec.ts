import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Finding, ScanState } from '@afterimage/contracts';
import { FindingsRepo } from './findings-repo.js';
import { openStore, StoreVersionError, type Db } from './open-store.js';
import { SessionsRepo } from './sessions-repo.js';

let dir: string;
let db: Db;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'store-'));
  db = openStore(join(dir, 'afterimage.db'));
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const source = { id: 'src-1', kind: 'image' as const, label: 'card.img', path: '/images/card.img', sizeBytes: 1 << 30 };
const state = (id: string, status: ScanState['status'] = 'running'): ScanState => ({
  id,
  sourceId: source.id,
  status,
  startedAt: '2026-11-22T10:00:00.000Z',
  progress: { bytesDone: 0, bytesTotal: 1 << 30, rateBytesPerSecond: 0, findingsByFormat: {} },
  findingCount: 0,
});

function finding(i: number, extra: Partial<Finding> = {}): Finding {
  const formats = ['jpeg', 'cr2', 'mp4', 'heic'];
  return {
    id: `f-${i}`,
    format: formats[i % 4]!,
    extension: formats[i % 4]!,
    mimeType: 'image/jpeg',
    name: `IMG_${String(i).padStart(4, '0')}.JPG`,
    originalPath: i % 2 ? `/DCIM/100CANON/IMG_${String(i).padStart(4, '0')}.JPG` : undefined,
    origin: i % 3 === 0 ? 'lost' : 'deleted',
    foundBy: i % 3 === 0 ? 'carving' : 'both',
    byteRuns: [{ offset: 1_000_000 - i * 512, length: 1000 + i }],
    size: 1000 + i,
    sha256: i.toString(16).padStart(64, '0'),
    validation: { state: i % 10 === 9 ? 'truncated' : 'complete', reasons: [] },
    confidence: i % 10 === 9 ? 'low' : 'medium',
    metadata: { takenAt: i % 5 ? `2024-06-${String(1 + (i % 28)).padStart(2, '0')}T10:00:00` : undefined, make: i % 2 ? 'Canon' : 'NIKON CORPORATION', model: i % 2 ? 'EOS 450D' : 'D70s' },
    hasThumbnail: false,
    ...extra,
  };
}

describe('the session store', () => {
  it('keeps sources, scans and findings across a restart', () => {
    const sessions = new SessionsRepo(db);
    sessions.saveSource(source);
    sessions.createScan(state('scan-1'), { sourceId: source.id, includeLive: false });
    new FindingsRepo(db).add('scan-1', [finding(1), finding(2)]);
    sessions.updateScan({ ...state('scan-1'), findingCount: 2 }, { nextOffset: 4096 });
    db.close();

    db = openStore(join(dir, 'afterimage.db'));
    const again = new SessionsRepo(db);
    expect(again.sources()).toEqual([source]);
    expect(again.interrupted().map((s) => [s.state.id, s.state.findingCount, s.checkpoint])).toEqual([['scan-1', 2, { nextOffset: 4096 }]]);
    expect(new FindingsRepo(db).all('scan-1')).toEqual([finding(1), finding(2)].map((f) => JSON.parse(JSON.stringify(f)) as Finding));
  });

  it('a finished scan is no longer one to resume, and keeps its last checkpoint only as history', () => {
    const sessions = new SessionsRepo(db);
    sessions.saveSource(source);
    sessions.createScan(state('scan-1'), { sourceId: source.id });
    sessions.updateScan(state('scan-1', 'done'));
    expect(sessions.interrupted()).toEqual([]);
    expect(sessions.scan('scan-1')?.state.status).toBe('done');
  });

  it('refuses a database made by a newer agent, and leaves it as it is', () => {
    db.close();
    const raw = new Database(join(dir, 'afterimage.db'));
    raw.pragma('user_version = 99');
    raw.close();
    expect(() => openStore(join(dir, 'afterimage.db'))).toThrow(StoreVersionError);
    const check = new Database(join(dir, 'afterimage.db'));
    expect(check.pragma('user_version', { simple: true })).toBe(99);
    check.close();
    db = openStore(join(dir, 'other.db'));
  });
});

describe('paging findings with filters and sorting', () => {
  let repo: FindingsRepo;
  const all = Array.from({ length: 200 }, (_, i) => finding(i));
  beforeEach(() => {
    const sessions = new SessionsRepo(db);
    sessions.saveSource(source);
    sessions.createScan(state('scan-1'), { sourceId: source.id });
    sessions.createScan(state('scan-2'), { sourceId: source.id });
    repo = new FindingsRepo(db);
    repo.add('scan-1', all);
    repo.add('scan-2', [finding(1000)]);
  });

  it('pages through every finding once, in offset order by default', () => {
    const seen: string[] = [];
    for (let offset = 0; ; offset += 64) {
      const page = repo.page({ scanId: 'scan-1', offset, limit: 64 });
      expect(page.total).toBe(200);
      if (page.findings.length === 0) break;
      seen.push(...page.findings.map((f) => f.id));
    }
    const byOffset = [...all].sort((a, b) => a.byteRuns[0]!.offset - b.byteRuns[0]!.offset).map((f) => f.id);
    expect(seen).toEqual(byOffset);
  });

  it('filters by type, how it was found, state, camera, date, size and text, all together', () => {
    const page = repo.page({
      scanId: 'scan-1',
      filter: { formats: ['jpeg', 'cr2'], foundBy: ['both'], states: ['complete'], camera: 'canon', takenFrom: '2024-06-10', takenTo: '2024-06-20T23:59:59', minSize: 1050, text: '100canon' },
      limit: 1000,
    });
    const expected = all.filter(
      (f) =>
        ['jpeg', 'cr2'].includes(f.format) &&
        f.foundBy === 'both' &&
        f.validation.state === 'complete' &&
        f.metadata.make === 'Canon' &&
        f.metadata.takenAt !== undefined &&
        f.metadata.takenAt >= '2024-06-10' &&
        f.metadata.takenAt <= '2024-06-20T23:59:59' &&
        f.size >= 1050 &&
        f.originalPath?.toLowerCase().includes('100canon'),
    );
    expect(expected.length).toBeGreaterThan(3);
    expect(page.total).toBe(expected.length);
    expect(page.findings.map((f) => f.id).sort()).toEqual(expected.map((f) => f.id).sort());
  });

  it('sorts by date taken with unknown dates last, both ways, and by size descending', () => {
    const up = repo.page({ scanId: 'scan-1', sort: 'takenAt', limit: 1000 }).findings;
    const down = repo.page({ scanId: 'scan-1', sort: 'takenAt', descending: true, limit: 1000 }).findings;
    for (const list of [up, down]) expect(list.slice(-40).every((f) => f.metadata.takenAt === undefined)).toBe(true);
    const dates = up.filter((f) => f.metadata.takenAt).map((f) => f.metadata.takenAt!);
    expect(dates).toEqual([...dates].sort());
    const sizes = repo.page({ scanId: 'scan-1', sort: 'size', descending: true, limit: 5 }).findings.map((f) => f.size);
    expect(sizes).toEqual([1199, 1198, 1197, 1196, 1195]);
  });

  it('treats filter text as text: wildcards and quotes match themselves', () => {
    repo.add('scan-1', [finding(500, { name: "100%_it's.jpg" })]);
    expect(repo.page({ scanId: 'scan-1', filter: { text: "0%_it'" } }).findings.map((f) => f.id)).toEqual(['f-500']);
    expect(repo.page({ scanId: 'scan-1', filter: { text: '%' } }).total).toBe(1);
  });

  it('keeps scans apart, and an empty list in a filter matches nothing', () => {
    expect(repo.page({ scanId: 'scan-2' }).findings.map((f) => f.id)).toEqual(['f-1000']);
    expect(repo.page({ scanId: 'scan-1', filter: { formats: [] } }).total).toBe(0);
  });
});
