import { mimeTypeFor } from '@afterimage/cloud-adapters';
import type { BackupTargetConfig, CopyRecord, Lacking, PhotoBackupStatus } from '@afterimage/contracts';
import { assess } from './policy.js';
import type { RecoveredPhoto } from './recovered-photos.js';

/** One photo to put on one target. */
export interface PlannedCopy {
  photo: RecoveredPhoto;
  target: BackupTargetConfig;
}

export interface BackupPlan {
  copies: PlannedCopy[];
  /** What no usable target can fix, in plain words. */
  notes: string[];
}

/** How much putting the photo on `target` helps with what it lacks: offsite (a cloud first), then a new medium, then a copy. */
function score(target: BackupTargetConfig, lacking: readonly Lacking[], copies: readonly Pick<CopyRecord, 'medium'>[]): number {
  let value = 0;
  if (lacking.includes('offsite') && target.offsite) value += target.medium === 'cloud' ? 5 : 4;
  if (lacking.includes('media') && !copies.some((c) => c.medium === target.medium)) value += 2;
  if (lacking.includes('copies')) value += 1;
  return value;
}

/** The targets to add to one photo's copies, best first, until it meets 3-2-1 or nothing helps; and what it still lacks. */
export function chooseTargets(status: PhotoBackupStatus, targets: readonly BackupTargetConfig[]): { chosen: BackupTargetConfig[]; lacking: Lacking[] } {
  const copies: Pick<CopyRecord, 'kind' | 'targetId' | 'location' | 'medium' | 'offsite'>[] = [...status.copies];
  const chosen: BackupTargetConfig[] = [];
  for (;;) {
    const { lacking } = assess(copies);
    const free = targets.filter((t) => !copies.some((c) => c.kind === 'backup' && c.targetId === t.id));
    const ranked = free.map((t) => ({ t, value: score(t, lacking, copies) })).sort((a, b) => b.value - a.value);
    const best = ranked[0];
    if (lacking.length === 0 || !best || best.value === 0) return { chosen, lacking };
    chosen.push(best.t);
    copies.push({ kind: 'backup', targetId: best.t.id, location: '', medium: best.t.medium, offsite: best.t.offsite });
  }
}

const photos = (n: number) => `${n} photo${n === 1 ? '' : 's'}`;

/** A video by its name's extension (a plan's hint; the target itself decides from the bytes). */
const isVideo = (name: string) => mimeTypeFor(name).startsWith('video/');

/** Whether a target takes this photo or video: targets that take photos only are left out for videos. */
export type TargetTakes = (target: BackupTargetConfig, photo: RecoveredPhoto) => boolean;

export const takesVideosUnless =
  (photosOnly: (kind: string) => boolean): TargetTakes =>
  (target, photo) =>
    !(isVideo(photo.name) && photosOnly(target.kind));

/** The copies a backup job makes so every photo that lacks something gets it, as far as the usable targets allow. */
export function planBackup(
  items: Iterable<{ photo: RecoveredPhoto; status: PhotoBackupStatus }>,
  targets: readonly BackupTargetConfig[],
  takes: TargetTakes = () => true,
): BackupPlan {
  const copies: PlannedCopy[] = [];
  const short: Record<Lacking | 'gone', number> = { copies: 0, media: 0, offsite: 0, gone: 0 };
  for (const { photo, status } of items) {
    if (status.meets321) continue;
    if (photo.files.length === 0) {
      short.gone++;
      continue;
    }
    const { chosen, lacking } = chooseTargets(
      status,
      targets.filter((t) => takes(t, photo)),
    );
    for (const target of chosen) copies.push({ photo, target });
    for (const what of lacking) short[what]++;
  }
  const notes: string[] = [];
  if (short.gone) notes.push(`${photos(short.gone)} cannot be backed up: the recovered files are no longer where the recovery put them; recover them again.`);
  if (short.offsite) notes.push(`${photos(short.offsite)} cannot get an offsite copy: no usable target is offsite. Add a cloud account, or a drive you keep at another address (--offsite).`);
  if (short.media) notes.push(`${photos(short.media)} cannot be on two kinds of media: add a target on another medium (a cloud account, or a folder a cloud client keeps in sync: --medium cloud).`);
  if (short.copies) notes.push(`${photos(short.copies)} cannot reach three copies: add another backup target.`);
  return { copies, notes };
}
