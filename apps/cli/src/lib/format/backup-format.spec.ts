import { describe, expect, it } from 'vitest';
import type { BackupJobState, BackupStatus } from '@afterimage/contracts';
import { adaptersReport, backupProgressLine, runningJobLine, runSummary, statusReport } from './backup.js';

const sha = 'a'.repeat(64);
const recovered = { sha256: sha, kind: 'recovered' as const, targetId: 'rec-1', location: '/r/IMG_1.JPG', medium: 'disk' as const, offsite: false, verifiedHash: sha, hashKind: 'sha256' as const, copiedAt: 'x' };
const status: BackupStatus = {
  photos: [
    { sha256: sha, name: 'IMG_1.JPG', size: 14_000, copies: [recovered], media: ['disk'], offsite: false, meets321: false, lacking: ['copies', 'media', 'offsite'] },
    { sha256: sha, name: 'IMG_2.JPG', size: 2048, copies: [recovered, recovered, recovered], media: ['cloud', 'disk'], offsite: true, meets321: true, lacking: [] },
  ],
  page: { offset: 0, limit: 50, matching: 2 },
  held: {},
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

  it('says which photos of how many it shows when it shows a part of them, and the totals of all', () => {
    const page = { ...status, page: { offset: 0, limit: 2, matching: 240 }, totals: { ...status.totals, photos: 240 } };
    const lines = statusReport(page).split('\n');
    expect(lines[0]).toMatch(/^240 photos \(16 KB\): 1 meet 3-2-1/);
    expect(lines[5]).toBe("Photos 1–2 of 240, by name ('--all' lists every one).");
    expect(statusReport({ ...page, page: { offset: 238, limit: 2, matching: 240 } }, { filtered: true })).toContain('Photos 239–240 of 240 that match, by name.');
    expect(statusReport({ ...page, photos: [], page: { offset: 0, limit: 50, matching: 0 } }, { filtered: true })).toContain('\nNo photo matches.\n');
  });

  it('says a backup is running and how far it is', () => {
    const running: BackupJobState = { id: 'bak-9', status: 'running', startedAt: 'x', parallel: 4, progress: { filesTotal: 24, uploaded: 2, alreadyThere: 1, failed: 0, bytesTotal: 9 * 1024 * 1024, bytesDone: 1024 * 1024 }, failures: [], notes: [], resumed: 0 };
    expect(runningJobLine(running)).toBe("A backup is running: bak-9 (3 of 24 copies done, 1.0 MB of 9.0 MB); follow it with 'afterimage backup run'.");
    expect(runningJobLine({ ...running, progress: { ...running.progress, filesTotal: 0 } })).toContain('(working out what each photo lacks)');
  });

  it('lists the kinds of target with what each needs, and what some cannot do', () => {
    const lines = adaptersReport([
      { kind: 'local-folder', title: 'Folder or external drive', medium: 'disk', offsite: 'optional', root: { label: 'Folder', help: '', absolutePath: true }, limits: {} },
      { kind: 'google-photos', title: 'Google Photos', medium: 'cloud', offsite: 'always', account: 'google', root: { label: 'Album', help: '', absolutePath: false }, limits: { remove: 'The Google Photos API cannot delete photos.' } },
    ]).split('\n');
    expect(lines[0]).toMatch(/^KIND\s+NAME\s+NEEDS\s+MEDIUM\s+OFFSITE$/);
    expect(lines[1]).toMatch(/^local-folder\s+Folder or external drive\s+ROOT: a full folder path\s+disk\s+with --offsite$/);
    expect(lines[2]).toMatch(/^google-photos\s+Google Photos\s+a google account \(--account\), ROOT: album\s+cloud\s+always$/);
    expect(lines.slice(-2)).toEqual(['What some cannot do:', '  google-photos: The Google Photos API cannot delete photos.']);
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
