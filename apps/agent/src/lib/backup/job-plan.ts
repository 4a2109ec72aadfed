import type { BackupTargetConfig, PhotoBackupStatus } from '@afterimage/contracts';
import { adapterFor } from '@afterimage/cloud-adapters';
import type { Db } from '../store/open-store.js';
import { describeTarget } from './errors.js';
import type { LedgerRepo } from './ledger-repo.js';
import { planBackup, takesVideosUnless, type BackupPlan } from './plan.js';
import { photoStatus } from './policy.js';
import { indexRecoveries } from './recovered-index.js';
import { checkAllFiles, loadPhotos, type PhotoRow, type RecoveredPhoto } from './recovered-photos.js';
import type { BackupTargets } from './targets.js';

const BATCH = 500;

/** The photos that lack something for 3-2-1, in the order they were recovered, a batch at a time. */
function* lackingPhotos(db: Db, ledger: LedgerRepo, configured: ReadonlySet<string>): Generator<{ photo: RecoveredPhoto; status: PhotoBackupStatus }> {
  const page = db.prepare(`SELECT sha256, name, size, taken_at, seq FROM recovered_photos WHERE meets = 0 AND seq > ? ORDER BY seq LIMIT ${BATCH}`);
  for (let after = 0; ; ) {
    const rows = page.all(after) as (PhotoRow & { seq: number })[];
    const last = rows.at(-1);
    if (!last) return;
    const copies = ledger.copiesOfMany(rows.map((r) => r.sha256));
    for (const photo of loadPhotos(db, rows)) yield { photo, status: photoStatus(photo, copies.get(photo.sha256) ?? [], configured) };
    after = last.seq;
  }
}

/**
 * What a job will copy, from the recovered photos, the ledger and the targets usable now. Every
 * recovered file is looked at first (one deleted since is no copy). A target that is not usable (a
 * drive not plugged in) is left out with a note; copies already on it still count.
 */
export async function planJob(db: Db, targets: BackupTargets, ledger: LedgerRepo, signal?: AbortSignal): Promise<BackupPlan> {
  await indexRecoveries(db);
  await checkAllFiles(db, signal);
  const configured = targets.list();
  const usable: BackupTargetConfig[] = [];
  const notes: string[] = [];
  for (const config of configured) {
    const reason = await targets.unusable(config);
    if (reason) notes.push(`${config.id} (${describeTarget(config)}) was not used: ${reason}`);
    else usable.push(config);
  }
  const photosOnly = (kind: string) => adapterFor(kind)?.photosOnly === true;
  const plan = planBackup(lackingPhotos(db, ledger, new Set(configured.map((t) => t.id))), usable, takesVideosUnless(photosOnly));
  return { copies: plan.copies, notes: [...notes, ...plan.notes] };
}
