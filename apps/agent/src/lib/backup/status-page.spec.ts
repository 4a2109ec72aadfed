import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackupJobState, BackupStatus, BackupTargetConfig } from '@afterimage/contracts';
import { openStore, type Db } from '../store/open-store.js';
import { BackupService } from './backup-service.js';

// 100 recoveries of 1,000 photos each into one folder of 1,000 real files (each photo of a recovery
// has its own sha256; the files are shared so the test writes 1,000 files, not 100,000), and a ledger
// generated in SQLite: photo n is on the near drive when n % 10 < 6, on the far (offsite, cloud)
// folder when n % 10 < 3 or n % 10 = 9.
const RECOVERIES = 100;
const PER_RECOVERY = 1000;
const N = RECOVERIES * PER_RECOVERY;
const SIZE = 10;

const sha = (n: number) => createHash('sha256').update(`photo ${n}`).digest('hex');
const nameOf = (n: number) => `IMG_${String(n).padStart(6, '0')}.JPG`;
const onNear = (n: number) => n % 10 < 6;
const onFar = (n: number) => n % 10 < 3 || n % 10 === 9;
/** What photo n lacks, worked out here by hand from the pattern above (the recovered file is on a disk, here). */
function lacks(n: number): string[] {
  const copies = 1 + (onNear(n) ? 1 : 0) + (onFar(n) ? 1 : 0);
  const media = onFar(n) ? 2 : 1;
  return [...(copies < 3 ? ['copies'] : []), ...(media < 2 ? ['media'] : []), ...(onFar(n) ? [] : ['offsite'])];
}
const all = Array.from({ length: N }, (_, n) => n);
const byName = (ns: number[]) => [...ns].sort((a, b) => nameOf(a).localeCompare(nameOf(b)));

let dir: string;
let destination: string;
let db: Db;
let service: BackupService;
let near: BackupTargetConfig;
let far: BackupTargetConfig;

function insertRecoveries(store: Db): void {
  store.prepare("INSERT INTO sources (id, kind, label, path, size_bytes, added_at) VALUES ('src-1', 'image', 'card', '/card.img', 0, '2025-01-01T00:00:00Z')").run();
  store.prepare("INSERT INTO scans (id, source_id, request, status, started_at, progress) VALUES ('scan-1', 'src-1', '{}', 'done', '2025-01-01T00:00:00Z', '{}')").run();
  const add = store.prepare("INSERT INTO recoveries (id, scan_id, destination, status, started_at, finished_at, report) VALUES (?, 'scan-1', ?, ?, ?, ?, ?)");
  store.transaction(() => {
    for (let r = 0; r < RECOVERIES; r++) {
      const files = Array.from({ length: PER_RECOVERY }, (_, i) => {
        const n = r * PER_RECOVERY + i;
        return { findingId: `f-${n}`, name: nameOf(n), path: `IMG_${i}.JPG`, format: 'jpeg', size: SIZE, sha256: sha(n), metadata: { takenAt: '2024-06-15T06:42:10' } };
      });
      const at = `2025-01-01T00:${String(Math.floor(r / 60)).padStart(2, '0')}:${String(r % 60).padStart(2, '0')}Z`;
      add.run(`rec-${r}`, destination, 'done', at, at, JSON.stringify({ tool: 'afterimage', version: 'test', createdAt: at, source: { path: '/card.img', sizeBytes: 0 }, destination, files, failed: [] }));
    }
    // A recovery still running has no verified files yet: it is not counted.
    add.run('rec-running', destination, 'running', '2025-01-02T00:00:00Z', null, null);
  })();
}

function insertCopies(store: Db, from: number, to: number): void {
  const add = store.prepare("INSERT INTO copies (id, sha256, target, location, media_kind, offsite, verified_hash, hash_kind, copied_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'sha256', '2025-01-03T00:00:00Z')");
  store.transaction(() => {
    for (let n = from; n < to; n++) {
      if (onNear(n)) add.run(`near-${n}`, sha(n), near.id, `2024/06/${nameOf(n)}`, 'disk', 0, sha(n));
      if (onFar(n)) add.run(`far-${n}`, sha(n), far.id, `2024/06/${nameOf(n)}`, 'cloud', 1, sha(n));
    }
  })();
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'status-page-'));
  destination = join(dir, 'Recovered');
  await mkdir(destination);
  for (let i = 0; i < PER_RECOVERY; i++) await writeFile(join(destination, `IMG_${i}.JPG`), 'x'.repeat(SIZE));
  db = openStore(join(dir, 'afterimage.db'));
  service = new BackupService({ store: db });
  near = await service.addTarget({ kind: 'local-folder', root: join(dir, 'near') });
  far = await service.addTarget({ kind: 'local-folder', root: join(dir, 'far'), offsite: true, medium: 'cloud' });
  insertRecoveries(db);
  // Half the ledger is there before the photos are first counted, half comes after.
  insertCopies(db, 0, N / 2);
}, 300_000);
afterAll(async () => {
  db?.close();
  await rm(dir, { recursive: true, force: true });
});

const count = (ns: number[], what: string) => ns.filter((n) => lacks(n).includes(what)).length;

describe('the 3-2-1 status of 100,000 recovered photos, a page at a time', () => {
  let first: BackupStatus;

  it('counts every photo in the totals and sends one page of 100, sorted by name', async () => {
    insertCopies(db, N / 2, N);
    first = await service.status({});
    expect(first.totals).toEqual({
      photos: N,
      meets321: all.filter((n) => lacks(n).length === 0).length,
      lacking: { copies: count(all, 'copies'), media: count(all, 'media'), offsite: count(all, 'offsite') },
      bytes: N * SIZE,
    });
    expect(first.totals.meets321).toBe(30_000);
    expect(first.page).toEqual({ offset: 0, limit: 100, matching: N });
    expect(first.photos.map((p) => p.name)).toEqual(byName(all).slice(0, 100).map(nameOf));
    expect(first.held).toEqual({ [near.id]: 60_000, [far.id]: 40_000 });
    // The answer stays small however many photos there are.
    expect(JSON.stringify(first).length).toBeLessThan(150_000);
  });

  it('gives each photo on a page its copies and what it lacks', () => {
    for (const photo of first.photos) {
      const n = Number(photo.name.slice(4, 10));
      expect(photo.sha256).toBe(sha(n));
      expect(photo.lacking).toEqual(lacks(n));
      expect(photo.meets321).toBe(lacks(n).length === 0);
      expect(photo.copies.map((c) => (c.kind === 'recovered' ? 'recovered' : c.targetId)).sort()).toEqual(['recovered', ...(onNear(n) ? [near.id] : []), ...(onFar(n) ? [far.id] : [])].sort());
      expect(photo.copies[0]).toMatchObject({ location: join(destination, `IMG_${n % PER_RECOVERY}.JPG`), medium: 'disk', offsite: false });
    }
  });

  it('pages deep into the photos that lack something, and through those that lack an offsite copy', async () => {
    const lacking = byName(all.filter((n) => lacks(n).length > 0));
    const deep = await service.status({ show: 'lacking', offset: 51_234, limit: 50 });
    expect(deep.page).toEqual({ offset: 51_234, limit: 50, matching: 70_000 });
    expect(deep.photos.map((p) => p.name)).toEqual(lacking.slice(51_234, 51_284).map(nameOf));
    expect(deep.photos.every((p) => !p.meets321)).toBe(true);
    const offsite = await service.status({ lacking: 'offsite', offset: 59_990, limit: 500 });
    expect(offsite.page.matching).toBe(60_000);
    expect(offsite.photos.map((p) => p.name)).toEqual(byName(all.filter((n) => lacks(n).includes('offsite'))).slice(59_990).map(nameOf));
    // The totals are the same whatever the page.
    expect(deep.totals).toEqual(first.totals);
  });

  it('walks the photos that meet 3-2-1 page by page without a gap or a repeat', async () => {
    const seen: string[] = [];
    for (let offset = 0; offset < 30_000; offset += 500) seen.push(...(await service.status({ show: 'meets', offset, limit: 500 })).photos.map((p) => p.name));
    expect(seen).toEqual(byName(all.filter((n) => lacks(n).length === 0)).map(nameOf));
    expect((await service.status({ show: 'meets', offset: 30_000, limit: 500 })).photos).toEqual([]);
  });

  it('finds photos by a part of their name, whatever its case, and takes % and _ literally', async () => {
    const found = await service.status({ name: 'img_0999' });
    expect(found.page.matching).toBe(100);
    expect(found.photos.map((p) => p.name)).toEqual(byName(all.filter((n) => nameOf(n).includes('IMG_0999'))).map(nameOf));
    expect((await service.status({ name: '%' })).page.matching).toBe(0);
    expect((await service.status({ name: 'IMG_0_' })).page.matching).toBe(0);
  });

  it('counts a copy recorded by a backup at once, and forgets a removed target’s copies', async () => {
    const n = 3; // on the near drive only: a far copy makes it meet 3-2-1
    service.ledger.record({ sha256: sha(n), targetId: far.id, location: `2024/06/${nameOf(n)}`, medium: 'cloud', offsite: true, verifiedHash: sha(n), hashKind: 'sha256', copiedAt: '2025-01-04T00:00:00Z' });
    const after = await service.status({ name: nameOf(n) });
    expect(after.photos[0]).toMatchObject({ meets321: true, lacking: [] });
    expect(after.totals.meets321).toBe(first.totals.meets321 + 1);
    expect(after.held[far.id]).toBe(40_001);

    service.removeTarget(far.id);
    const without = await service.status({ limit: 1 });
    expect(without.totals).toMatchObject({ meets321: 0, lacking: { offsite: N, media: N } });
    expect(without.held).toEqual({ [near.id]: 60_000 });
    expect(without.targets.map((t) => t.id)).toEqual([near.id]);
  });

  it('sees a recovered file that was deleted on the page that shows it, and all of them when a backup plans', async () => {
    await rm(join(destination, 'IMG_7.JPG'));
    const page = await service.status({ name: nameOf(7) });
    expect(page.photos[0]).toMatchObject({ name: nameOf(7), copies: [], lacking: ['copies', 'media', 'offsite'] });
    // Only the photo shown was looked at; the 99 others recovered to IMG_7.JPG count as last checked…
    const gone = () => (db.prepare('SELECT COUNT(*) AS n FROM recovered_files WHERE present = 0').get() as { n: number }).n;
    expect(gone()).toBe(1);
    // …until a backup job looks at every file before it plans (with no target left, it copies nothing).
    service.removeTarget(near.id);
    const job = await service.start({});
    let done: BackupJobState | undefined;
    for await (const { event } of service.events({ jobId: job.id }, undefined)) if (event.type === 'done') done = event.state;
    expect(done).toMatchObject({ status: 'done', progress: { filesTotal: 0 }, after: { photos: N, meets321: 0 } });
    expect(gone()).toBe(RECOVERIES);
    expect(done?.notes).toContain(`${RECOVERIES} photos cannot be backed up: the recovered files are no longer where the recovery put them; recover them again.`);
  }, 300_000);
});
