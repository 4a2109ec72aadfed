import type { BackupTargetConfig, PhotoBackupStatus } from '@afterimage/contracts';
import { describeTarget } from './errors.js';
import type { LedgerRepo } from './ledger-repo.js';
import { planBackup, type BackupPlan } from './plan.js';
import { backupStatus } from './policy.js';
import type { RecoveredPhoto } from './recovered-photos.js';
import type { BackupTargets } from './targets.js';

/**
 * What a job will copy, from the photos, the ledger and the targets usable now. A target that is not
 * (a drive not plugged in) is left out with a note; copies already on it still count.
 */
export async function planJob(photos: readonly RecoveredPhoto[], targets: BackupTargets, ledger: LedgerRepo): Promise<BackupPlan> {
  const configured = targets.list();
  const usable: BackupTargetConfig[] = [];
  const notes: string[] = [];
  for (const config of configured) {
    const reason = await targets.unusable(config);
    if (reason) notes.push(`${config.id} (${describeTarget(config)}) was not used: ${reason}`);
    else usable.push(config);
  }
  const before = backupStatus(photos, ledger.all(), configured);
  const plan = planBackup(
    photos.map((photo, i) => ({ photo, status: before.photos[i] as PhotoBackupStatus })),
    usable,
  );
  return { copies: plan.copies, notes: [...notes, ...plan.notes] };
}
