import { describe, expect, it } from 'vitest';
import type { BackupTargetConfig } from '@afterimage/contracts';
import type { BackupCopy } from './ledger-repo.js';
import { planBackup, takesVideosUnless } from './plan.js';
import { assess, photoStatus } from './policy.js';
import type { RecoveredPhoto } from './recovered-photos.js';

const sha = (n: number) => n.toString(16).padStart(64, '0');
const photo = (n: number, files = 1): RecoveredPhoto => ({
  sha256: sha(n),
  name: `IMG_${n}.JPG`,
  size: 1000 + n,
  takenAt: '2024-06-15T06:42:10',
  files: Array.from({ length: files }, (_, i) => ({ recoveryId: `rec-${i}`, path: `/recovered/${i}/IMG_${n}.JPG`, recoveredAt: '2025-01-01T00:00:00Z' })),
});
const target = (id: string, medium: 'disk' | 'cloud', offsite: boolean): BackupTargetConfig => ({ id, kind: medium === 'cloud' ? 'google-drive' : 'local-folder', title: id, root: `/${id}`, offsite, medium, addedAt: '2025-01-01T00:00:00Z' });
const copy = (n: number, t: BackupTargetConfig, location = `2024/06/IMG_${n}.JPG`): BackupCopy => ({ sha256: sha(n), targetId: t.id, location, medium: t.medium, offsite: t.offsite, verifiedHash: sha(n), hashKind: 'sha256', copiedAt: '2025-01-02T00:00:00Z' });

const drive = target('drive', 'disk', false);
const offsiteDrive = target('offsite-drive', 'disk', true);
const cloud = target('cloud', 'cloud', true);

describe('the 3-2-1 policy', () => {
  it('counts the recovered file as the first copy, on a disk, here', () => {
    const status = photoStatus(photo(1), [], new Set());
    expect(status).toMatchObject({ meets321: false, media: ['disk'], offsite: false, lacking: ['copies', 'media', 'offsite'] });
    expect(status.copies).toEqual([expect.objectContaining({ kind: 'recovered', location: '/recovered/0/IMG_1.JPG', medium: 'disk', offsite: false })]);
  });

  it('is met by the recovered file, a local drive and a cloud; three disks, one offsite, lack a second medium', () => {
    expect(photoStatus(photo(1), [copy(1, drive), copy(1, cloud)], new Set(['drive', 'cloud']))).toMatchObject({ meets321: true, lacking: [], media: ['cloud', 'disk'], offsite: true });
    expect(photoStatus(photo(1), [copy(1, drive), copy(1, offsiteDrive)], new Set(['drive', 'offsite-drive']))).toMatchObject({ meets321: false, lacking: ['media'] });
  });

  it('counts a target once however many places on it hold the photo, and ignores copies on targets no longer configured', () => {
    const twice = [copy(1, drive), copy(1, drive, 'elsewhere/IMG_1.JPG')];
    expect(assess([...photoStatus(photo(1), twice, new Set(['drive'])).copies]).count).toBe(2);
    expect(photoStatus(photo(1), [copy(1, cloud)], new Set(['drive'])).copies).toHaveLength(1);
    expect(assess([...photoStatus(photo(1, 2), [], new Set()).copies]).count).toBe(2);
  });
});

describe('choosing targets for a backup', () => {
  const plan = (photos: RecoveredPhoto[], ledger: BackupCopy[], targets: BackupTargetConfig[]) => {
    const configured = new Set(targets.map((t) => t.id));
    return planBackup(photos.map((p) => ({ photo: p, status: photoStatus(p, ledger.filter((c) => c.sha256 === p.sha256), configured) })), targets);
  };

  it('puts an offsite cloud first when offsite is lacking, and stops as soon as the photo meets 3-2-1', () => {
    const result = plan([photo(1)], [], [drive, offsiteDrive, cloud]);
    expect(result.copies.map((c) => c.target.id)).toEqual(['cloud', 'drive']);
    expect(result.notes).toEqual([]);
  });

  it('adds only what is lacking: a second medium when the photo already has three disk copies, one offsite', () => {
    const result = plan([photo(1)], [copy(1, drive), copy(1, offsiteDrive)], [drive, offsiteDrive, cloud]);
    expect(result.copies.map((c) => c.target.id)).toEqual(['cloud']);
  });

  it('plans videos on other targets when the best one takes photos only (Google Photos), and photos there as before', () => {
    const photosCloud: BackupTargetConfig = { ...cloud, id: 'photos', kind: 'google-photos' };
    const video: RecoveredPhoto = { ...photo(2), name: 'MVI_0002.MOV' };
    const targets = [drive, photosCloud, cloud];
    const configured = new Set(targets.map((t) => t.id));
    const takes = takesVideosUnless((kind) => kind === 'google-photos');
    const result = planBackup(
      [photo(1), video].map((p) => ({ photo: p, status: photoStatus(p, [], configured) })),
      targets,
      takes,
    );
    const on = (n: number) => result.copies.filter((c) => c.photo.sha256 === sha(n)).map((c) => c.target.id);
    expect(on(1)).toContain('photos');
    expect(on(2)).not.toContain('photos');
    expect(on(2)).toEqual(['cloud', 'drive']);
    // With only the photos-only cloud offsite, the video says it cannot get an offsite copy.
    const alone = planBackup([{ photo: video, status: photoStatus(video, [], new Set(['drive', 'photos'])) }], [drive, photosCloud], takes);
    expect(alone.copies.map((c) => c.target.id)).toEqual(['drive']);
    expect(alone.notes.join(' ')).toMatch(/1 photo cannot get an offsite copy/);
  });

  it('plans nothing for a photo that meets 3-2-1', () => {
    expect(plan([photo(1)], [copy(1, drive), copy(1, cloud)], [drive, cloud]).copies).toEqual([]);
  });

  it('says plainly what no target can fix', () => {
    const result = plan([photo(1), photo(2)], [], [drive]);
    expect(result.copies.map((c) => c.target.id)).toEqual(['drive', 'drive']);
    expect(result.notes.join('\n')).toMatch(/2 photos cannot get an offsite copy/);
    expect(result.notes.join('\n')).toMatch(/2 photos cannot be on two kinds of media/);
    expect(result.notes.join('\n')).toMatch(/2 photos cannot reach three copies/);
    const gone = plan([photo(3, 0)], [], [drive, cloud]);
    expect(gone.copies).toEqual([]);
    expect(gone.notes).toEqual([expect.stringMatching(/^1 photo cannot be backed up: the recovered files are no longer/)]);
  });
});
