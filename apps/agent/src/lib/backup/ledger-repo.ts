import { randomUUID } from 'node:crypto';
import type { CopyRecord, HashKind, Medium } from '@afterimage/contracts';
import type { Db } from '../store/open-store.js';
import { inChunks } from './recovered-photos.js';

/** A backup copy as the ledger keeps it (the recovered file itself is not kept here: see recovered-photos.ts). */
export type BackupCopy = Omit<CopyRecord, 'kind'>;

interface CopyRow {
  sha256: string;
  target: string;
  location: string;
  media_kind: Medium;
  offsite: number;
  verified_hash: string;
  hash_kind: HashKind;
  copied_at: string;
}

const toCopy = (r: CopyRow): BackupCopy => ({
  sha256: r.sha256,
  targetId: r.target,
  location: r.location,
  medium: r.media_kind,
  offsite: r.offsite === 1,
  verifiedHash: r.verified_hash,
  hashKind: r.hash_kind,
  copiedAt: r.copied_at,
});

/**
 * The 3-2-1 ledger: one row per verified copy of a photo on a backup target (the `copies` table).
 * A copy is recorded only after the target's put resolved, i.e. after the provider's hash of the
 * stored object matched the bytes sent (rule 4 of DESIGN.md); nothing else writes here.
 */
export class LedgerRepo {
  constructor(private readonly db: Db) {}

  /** Records (or refreshes) the copy at `location` on `targetId`: a place holds one object. */
  record(copy: BackupCopy): void {
    this.db
      .prepare(
        `INSERT INTO copies (id, sha256, target, location, media_kind, offsite, verified_hash, hash_kind, copied_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(target, location) DO UPDATE SET sha256 = excluded.sha256, media_kind = excluded.media_kind, offsite = excluded.offsite,
           verified_hash = excluded.verified_hash, hash_kind = excluded.hash_kind, copied_at = excluded.copied_at`,
      )
      .run(randomUUID(), copy.sha256, copy.targetId, copy.location, copy.medium, copy.offsite ? 1 : 0, copy.verifiedHash, copy.hashKind, copy.copiedAt);
  }

  /** The copies of one photo, oldest first. */
  copiesOf(sha256: string): BackupCopy[] {
    return (this.db.prepare('SELECT * FROM copies WHERE sha256 = ? ORDER BY copied_at, target').all(sha256) as CopyRow[]).map(toCopy);
  }

  /** The copies of these photos, by photo, oldest first (a page of the status). */
  copiesOfMany(shas: readonly string[]): Map<string, BackupCopy[]> {
    const bySha = new Map<string, BackupCopy[]>();
    const rows = inChunks<CopyRow>(this.db, (p) => `SELECT * FROM copies WHERE sha256 IN (${p}) ORDER BY copied_at, target`, shas);
    for (const row of rows) {
      const list = bySha.get(row.sha256) ?? [];
      list.push(toCopy(row));
      bySha.set(row.sha256, list);
    }
    return bySha;
  }

  /** How many photos each target holds a copy of, by target id. */
  photosPerTarget(): Map<string, number> {
    const rows = this.db.prepare('SELECT target, COUNT(DISTINCT sha256) AS n FROM copies GROUP BY target').all() as { target: string; n: number }[];
    return new Map(rows.map((r) => [r.target, r.n]));
  }

  /** Every copy, by photo. */
  all(): Map<string, BackupCopy[]> {
    const bySha = new Map<string, BackupCopy[]>();
    for (const row of this.db.prepare('SELECT * FROM copies ORDER BY copied_at, target').all() as CopyRow[]) {
      const list = bySha.get(row.sha256) ?? [];
      list.push(toCopy(row));
      bySha.set(row.sha256, list);
    }
    return bySha;
  }

  /** The photo recorded at each place on one target (to keep a new photo from taking an occupied path). */
  placesOn(targetId: string): Map<string, string> {
    const rows = this.db.prepare('SELECT location, sha256 FROM copies WHERE target = ?').all(targetId) as { location: string; sha256: string }[];
    return new Map(rows.map((r) => [r.location, r.sha256]));
  }

  /** Forgets the copies on a target that is no longer configured (the files themselves stay). */
  forgetTarget(targetId: string): number {
    return this.db.prepare('DELETE FROM copies WHERE target = ?').run(targetId).changes;
  }
}
