import { BACKUP_STATUS_PAGE, type BackupStatus, type BackupStatusRequest, type BackupTargetConfig, type Lacking } from '@afterimage/contracts';
import type { Db } from '../store/open-store.js';
import type { LedgerRepo } from './ledger-repo.js';
import { photoStatus } from './policy.js';
import { indexRecoveries } from './recovered-index.js';
import { checkFilesOf, loadPhotos, type PhotoRow } from './recovered-photos.js';

/** The bit of recovered_photos.lacking for each part of 3-2-1 (migration 9). */
export const LACKING_BIT: Record<Lacking, number> = { copies: 1, media: 2, offsite: 4 };

interface Totals {
  photos: number;
  meets: number | null;
  copies: number | null;
  media: number | null;
  offsite: number | null;
  bytes: number | null;
}

/** The SQL condition and its parameters for a request's filter. */
function filterOf(request: BackupStatusRequest): { where: string; params: (string | number)[] } {
  const parts: string[] = [];
  const params: (string | number)[] = [];
  if (request.show === 'lacking') parts.push('meets = 0');
  if (request.show === 'meets') parts.push('meets = 1');
  if (request.lacking) parts.push(`(lacking & ${LACKING_BIT[request.lacking]}) != 0`);
  const name = request.name?.trim();
  if (name) {
    parts.push("name LIKE ? ESCAPE '\\'");
    params.push(`%${name.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  }
  return { where: parts.length > 0 ? `WHERE ${parts.join(' AND ')}` : '', params };
}

/** The 3-2-1 numbers of every recovered photo, counted in SQL. */
export function statusTotals(db: Db): BackupStatus['totals'] {
  const t = db
    .prepare(
      `SELECT COUNT(*) AS photos, SUM(lacking = 0) AS meets, SUM((lacking & 1) != 0) AS copies, SUM((lacking & 2) != 0) AS media,
         SUM((lacking & 4) != 0) AS offsite, SUM(size) AS bytes FROM recovered_photos INDEXED BY recovered_photos_totals`,
    )
    .get() as Totals;
  return { photos: t.photos, meets321: t.meets ?? 0, lacking: { copies: t.copies ?? 0, media: t.media ?? 0, offsite: t.offsite ?? 0 }, bytes: t.bytes ?? 0 };
}

/**
 * The totals and the photos per target, counted again only when the database changed since (the
 * connection's total_changes, which counts the triggers' writes too, and data_version for other
 * connections): paging through the photos costs one indexed page query each.
 */
export class StatusCounts {
  private stamp?: string;
  private counts?: { totals: BackupStatus['totals']; perTarget: Map<string, number> };

  get(db: Db, ledger: LedgerRepo): { totals: BackupStatus['totals']; perTarget: Map<string, number> } {
    const changes = (db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
    const stamp = `${changes}:${String(db.pragma('data_version', { simple: true }))}`;
    if (!this.counts || stamp !== this.stamp) {
      this.counts = { totals: statusTotals(db), perTarget: ledger.photosPerTarget() };
      this.stamp = stamp;
    }
    return this.counts;
  }
}

/**
 * One page of the per-photo 3-2-1 status, sorted by name then sha256, with the totals of every
 * photo. Finished recoveries not seen yet are indexed first; the recovered files of the photos on
 * the page are looked at again (what is shown was checked; the totals count files as last checked).
 */
export async function statusPage(db: Db, ledger: LedgerRepo, targets: readonly BackupTargetConfig[], request: BackupStatusRequest, cache = new StatusCounts()): Promise<BackupStatus> {
  await indexRecoveries(db);
  const limit = request.limit ?? BACKUP_STATUS_PAGE;
  const offset = request.offset ?? 0;
  const { where, params } = filterOf(request);
  const pageOf = () => db.prepare(`SELECT sha256, name, size, taken_at FROM recovered_photos ${where} ORDER BY name, sha256 LIMIT ? OFFSET ?`).all(...params, limit, offset) as PhotoRow[];
  let rows = pageOf();
  // A file found gone (or back) changes what the photo lacks, and so maybe which page it is on.
  if ((await checkFilesOf(db, rows.map((r) => r.sha256))) > 0) rows = pageOf();
  const matching = (db.prepare(`SELECT COUNT(*) AS n FROM recovered_photos ${where}`).get(...params) as { n: number }).n;
  const configured = new Set(targets.map((t) => t.id));
  const copies = ledger.copiesOfMany(rows.map((r) => r.sha256));
  const photos = loadPhotos(db, rows).map((photo) => photoStatus(photo, copies.get(photo.sha256) ?? [], configured));
  const { totals, perTarget } = cache.get(db, ledger);
  const held = Object.fromEntries(targets.map((t) => [t.id, perTarget.get(t.id) ?? 0]));
  return { photos, page: { offset, limit, matching }, held, totals, targets: [...targets] };
}
