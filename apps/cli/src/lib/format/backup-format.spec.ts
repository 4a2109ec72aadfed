import { describe, expect, it } from 'vitest';
import type { BackupJobState, BackupStatus } from '@afterimage/contracts';
import { backupProgressLine, runSummary, statusReport } from './backup.js';

const sha = 'a'.repeat(64);
const recovered = { sha256: sha, kind: 'recovered' as const, targetId: 'rec-1', location: '/r/IMG_1.JPG', medium: 'disk' as const, offsite: false, verifiedHash: sha, hashKind: 'sha256' as const, copiedAt: 'x' };
const status: BackupStatus = {
  photos: [
    { sha256: sha, name: 'IMG_1.JPG', size: 14_000, copies: [recovered], media: ['disk'], offsite: false, meets321: false, lacking: ['copies', 'media', 'offsite'] },
    { sha256: sha, name: 'IMG_2.JPG', size: 2048, copies: [recovered, recovered, recovered], media: ['cloud', 'disk'], offsite: true, meets321: true, lacking: [] },
  ],
  totals: { photos: 2, meets321: 1, lacking: { copies: 1, media: 1, offsite: 1 }, bytes: 16_048 },
  targets: [],
};

describe('backup output', () => {
  it('says how many photos meet 3-2-1 and what each one lacks, in words', () => {
    const lines = statusReport(status).split('\n');
    expect(lines[0]).toBe('2 photos (16 KB): 1 meet 3-2-1; lacking a third copy: 1, a second kind of medium: 1, an offsite copy: 1.');
    expect(lines[2]).toMatch(/^PHOTO\s+SIZE\s+COPIES\s+MEDIA\s+OFFSITE\s+3-2-1$/);
    expect(lines[3]).toMatch(/^IMG_1\.JPG\s+14 KB\s+1\s+disk\s+no\s+no: needs a third copy, a second kind of medium, an offsite copy$/);
    expect(lines[4]).toMatch(/^IMG_2\.JPG\s+2 KB\s+3\s+cloud\+disk\s+yes\s+yes$/);
    expect(lines.at(-1)).toBe("Run 'afterimage backup run' to copy what the targets can fix.");
    expect(statusReport({ ...status, photos: [], totals: { ...status.totals, photos: 0 } })).toMatch(/^No recovered photos yet/);
  });

  it('draws progress by bytes and lists failures and what no target can fix', () => {
    expect(backupProgressLine({ filesTotal: 4, uploaded: 1, alreadyThere: 0, failed: 1, bytesTotal: 400, bytesDone: 100 })).toBe('[#####...............]  25%  2/4 files  100 B of 400 B  1 failed');
    const state: BackupJobState = {
      id: 'bak-1',
      status: 'done',
      startedAt: 'x',
      parallel: 4,
      progress: { filesTotal: 2, uploaded: 1, alreadyThere: 0, failed: 1, bytesTotal: 20, bytesDone: 10 },
      failures: [{ sha256: sha, name: 'IMG_1.JPG', targetId: 'tgt-1', path: '2024/06/IMG_1.JPG', reason: 'Google Drive (me) is full.' }],
      notes: ['1 photo cannot get an offsite copy: …'],
      resumed: 1,
      after: { photos: 2, meets321: 1 },
    };
    expect(runSummary(state).split('\n')).toEqual([
      "Backup bak-1 done: 1 uploaded, 0 already there, 1 failed (10 B); every copy's hash checked.",
      '(It went on after the agent was restarted 1 time.)',
      '  FAILED IMG_1.JPG → tgt-1: Google Drive (me) is full.',
      '  1 photo cannot get an offsite copy: …',
      '1 of 2 photos meet 3-2-1 (three copies, two kinds of media, one offsite).',
    ]);
  });
});
