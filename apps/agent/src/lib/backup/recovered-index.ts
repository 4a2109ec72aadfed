import { join } from 'node:path';
import { z } from 'zod';
import type { Db } from '../store/open-store.js';
import { RecoveriesRepo } from '../store/recoveries-repo.js';

/** The part of a report.json entry the backup needs (the rest of the report is not read). */
const EntrySchema = z.object({
  name: z.string().min(1).max(1024),
  path: z.string().min(1).max(4096),
  size: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  metadata: z.object({ takenAt: z.string().max(64).optional() }).optional(),
  times: z.object({ modifiedAt: z.string().max(64).optional(), createdAt: z.string().max(64).optional() }).optional(),
});
const ReportSchema = z.object({ createdAt: z.string().max(64), files: z.array(z.unknown()).max(10_000_000) });

/** Entries written per transaction: between two, other requests to the agent get their turn. */
const CHUNK = 2000;
const running = new WeakMap<Db, Promise<number>>();

/**
 * Puts the files of finished recoveries not indexed yet into recovered_files and recovered_photos
 * (migration 9), each recovery once, 2,000 entries per transaction with a pause between them for the
 * agent's other requests (a report of 100,000 files does not stall the dashboard); the triggers
 * count each photo's copies. A photo recovered again keeps the name it was first recovered under;
 * entries that do not parse are left out. A recovery cut short (the agent stopped) is indexed again
 * from its start: what was written is kept as it was. Calls at the same time share one run.
 * Answers how many recoveries were indexed.
 */
export function indexRecoveries(db: Db): Promise<number> {
  const busy = running.get(db);
  if (busy) return busy;
  const run = indexAll(db).finally(() => running.delete(db));
  running.set(db, run);
  return run;
}

async function indexAll(db: Db): Promise<number> {
  const rows = new RecoveriesRepo(db).doneNotIndexed();
  const nextSeq = db.prepare('SELECT IFNULL(MAX(seq), 0) + 1 AS n FROM recovered_photos');
  const addPhoto = db.prepare('INSERT OR IGNORE INTO recovered_photos (sha256, name, size, taken_at, seq) VALUES (?, ?, ?, ?, ?)');
  const addFile = db.prepare('INSERT OR IGNORE INTO recovered_files (recovery_id, path, sha256, size, recovered_at) VALUES (?, ?, ?, ?, ?)');
  const done = db.prepare('INSERT OR IGNORE INTO recovered_indexed (recovery_id, indexed_at) VALUES (?, ?)');
  for (const row of rows) {
    const parsed = ReportSchema.safeParse(row.report);
    const report = parsed.success ? parsed.data : undefined;
    const files = report?.files ?? [];
    const recoveredAt = row.finishedAt ?? report?.createdAt ?? new Date(0).toISOString();
    for (let at = 0; at < files.length || at === 0; at += CHUNK) {
      const last = at + CHUNK >= files.length;
      db.transaction(() => {
        let seq = (nextSeq.get() as { n: number }).n;
        for (const raw of files.slice(at, at + CHUNK)) {
          const entry = EntrySchema.safeParse(raw);
          if (!entry.success) continue;
          const e = entry.data;
          const takenAt = e.metadata?.takenAt ?? e.times?.modifiedAt ?? e.times?.createdAt ?? null;
          if (addPhoto.run(e.sha256, e.name, e.size, takenAt, seq).changes > 0) seq++;
          addFile.run(row.id, join(row.destination, e.path), e.sha256, e.size, recoveredAt);
        }
        if (last) done.run(row.id, new Date().toISOString());
      })();
      if (!last) await new Promise((resume) => setImmediate(resume));
    }
  }
  return rows.length;
}
