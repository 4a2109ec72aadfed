import type { CopyRecord, Lacking, Medium, PhotoBackupStatus } from '@afterimage/contracts';
import type { BackupCopy } from './ledger-repo.js';
import type { RecoveredPhoto } from './recovered-photos.js';

/** The 3-2-1 rule: three copies, on two kinds of media, one of them offsite. */
export const RULE = { copies: 3, media: 2, offsite: 1 } as const;

/**
 * What a set of copies lacks. A backup target counts once however many places on it hold the photo;
 * each recovered file counts once (the recovered file on its destination disk is the first copy).
 */
export function assess(copies: readonly Pick<CopyRecord, 'kind' | 'targetId' | 'location' | 'medium' | 'offsite'>[]): { count: number; media: Medium[]; offsite: boolean; lacking: Lacking[] } {
  const count = new Set(copies.map((c) => (c.kind === 'recovered' ? `file:${c.location}` : `target:${c.targetId}`))).size;
  const media = [...new Set(copies.map((c) => c.medium))].sort();
  const offsite = copies.some((c) => c.offsite);
  const lacking: Lacking[] = [];
  if (count < RULE.copies) lacking.push('copies');
  if (media.length < RULE.media) lacking.push('media');
  if (!offsite) lacking.push('offsite');
  return { count, media, offsite, lacking };
}

/** The recovered files of a photo as copies: on a disk, here. */
export function recoveredCopies(photo: RecoveredPhoto): CopyRecord[] {
  return photo.files.map((f) => ({
    sha256: photo.sha256,
    kind: 'recovered',
    targetId: f.recoveryId,
    location: f.path,
    medium: 'disk',
    offsite: false,
    verifiedHash: photo.sha256,
    hashKind: 'sha256',
    copiedAt: f.recoveredAt,
  }));
}

/** One photo's copies (recovered files first, then the ledger's on configured targets) and its 3-2-1 verdict. */
export function photoStatus(photo: RecoveredPhoto, ledger: readonly BackupCopy[], targets: ReadonlySet<string>): PhotoBackupStatus {
  const backups: CopyRecord[] = ledger.filter((c) => targets.has(c.targetId)).map((c) => ({ ...c, kind: 'backup' }));
  const copies = [...recoveredCopies(photo), ...backups];
  const verdict = assess(copies);
  return { sha256: photo.sha256, name: photo.name, size: photo.size, copies, media: verdict.media, offsite: verdict.offsite, meets321: verdict.lacking.length === 0, lacking: verdict.lacking };
}
