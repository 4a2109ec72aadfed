import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecoveryReportSchema, ScanStateSchema, type RecoveryReport } from '@afterimage/contracts';
import { afterimage, afterimageWithStdin } from './testing/cli-harness.js';
import { BIN_DELETED, filesUnder, phoneBackup, phoneManifest, sha256, snapshotFolder, TRASH_EXPIRES, writeLeftoverFolder } from './testing/folder-sources.js';

const { password, cameraRoll } = phoneManifest();
const plain = phoneBackup('plain');
const encrypted = phoneBackup('encrypted');
const before = { plain: snapshotFolder(plain), encrypted: snapshotFolder(encrypted) };
const folderOf = (relativePath: string) => relativePath.slice(0, relativePath.lastIndexOf('/'));
/** Where each camera-roll file should land: its phone folder, the phone's name for it. */
const expectedPaths = cameraRoll.map((m) => `${folderOf(m.relativePath)}/${m.name}`).sort();

let work: string;
let home: string;
let plainReport: RecoveryReport;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'cli-recover-folder-'));
  home = join(work, 'home');
});
afterAll(async () => rm(work, { recursive: true, force: true }));

const oneLine = (stderr: string) => stderr.trim().split('\n');

describe('afterimage recover FOLDER: an iPhone backup', () => {
  it('gives back every camera-roll photo and video under the phone’s names and dates, each verified, and nothing else', async () => {
    const out = join(work, 'plain');
    const run = await afterimage(['recover', plain, out, '--json'], home);
    expect(run.code, run.stderr).toBe(0);
    plainReport = RecoveryReportSchema.parse(JSON.parse(run.stdout));
    expect(plainReport.failed).toEqual([]);
    expect(plainReport.files.map((f) => f.path).sort()).toEqual(expectedPaths);
    // Non-media (the .AAE sidecar, Photos.sqlite, another app's JPEG, a plist) stays out.
    expect(filesUnder(out)).toEqual([...expectedPaths, 'report.csv', 'report.json'].sort());
    for (const media of cameraRoll) {
      const entry = plainReport.files.find((f) => f.name === media.name)!;
      expect(entry).toMatchObject({ sha256: media.sha256, size: media.size, originalPath: `/${media.relativePath}`, times: { modifiedAt: media.modifiedAt } });
      expect(sha256(await readFile(join(out, entry.path)))).toBe(media.sha256);
      expect((await stat(join(out, entry.path))).mtime.toISOString()).toBe(media.modifiedAt);
    }
    expect(JSON.parse(await readFile(join(out, 'report.json'), 'utf8'))).toEqual(plainReport);
  });

  it('marks the Recently Deleted photo with its purge date in report.json and report.csv', async () => {
    const media = cameraRoll.find((m) => m.trashed)!;
    const entry = plainReport.files.find((f) => f.trash)!;
    expect(entry).toMatchObject({ name: media.name, origin: 'deleted', trash: { by: 'iphone-recently-deleted', deletedAt: media.trashed!.at, purgeAt: media.trashed!.purgeAt } });
    expect(plainReport.files.filter((f) => f.trash)).toHaveLength(1);
    const csv = await readFile(join(work, 'plain', 'report.csv'), 'utf8');
    expect(csv.split('\r\n').find((line) => line.includes(media.name))).toContain(`iphone-recently-deleted,${media.trashed!.purgeAt}`);
  });

  it('keeps the Live Photo’s still and movie together, under one base name, each pointing at the other', () => {
    const [still, movie] = ['IMG_0001.HEIC', 'IMG_0001.MOV'].map((name) => plainReport.files.find((f) => f.name === name)!);
    expect(still!.path.replace(/\.HEIC$/, '')).toBe(movie!.path.replace(/\.MOV$/, ''));
    expect(still!.livePhotoPair).toBe(movie!.findingId);
    expect(movie!.livePhotoPair).toBe(still!.findingId);
  });

  it('gives the same files from the encrypted backup with its password on stdin', async () => {
    const out = join(work, 'encrypted');
    const run = await afterimageWithStdin(['recover', encrypted, '--out', out, '--password-stdin', '--json'], home, `${password}\n`);
    expect(run.code, run.stderr).toBe(0);
    const report = RecoveryReportSchema.parse(JSON.parse(run.stdout));
    const view = (r: RecoveryReport) => r.files.map((f) => [f.path, f.sha256, f.trash?.purgeAt]).sort();
    expect(view(report)).toEqual(view(plainReport));
    for (const entry of report.files) expect(sha256(await readFile(join(out, entry.path)))).toBe(entry.sha256);
  });

  it('says in one line that the encrypted backup needs its password, or that the one given is wrong (exit 9)', async () => {
    const missing = await afterimage(['recover', encrypted, join(work, 'none')], home);
    expect(missing.code).toBe(9);
    expect(oneLine(missing.stderr)).toHaveLength(1);
    expect(missing.stderr).toMatch(/encrypted.*--password-stdin/);
    const wrong = await afterimage(['recover', encrypted, join(work, 'none')], home, { AFTERIMAGE_BACKUP_PASSWORD: 'Tr0ub4dor&3' });
    expect(wrong.code).toBe(9);
    expect(oneLine(wrong.stderr)).toEqual([expect.stringContaining('does not open')]);
    const empty = await afterimageWithStdin(['recover', encrypted, join(work, 'none'), '--password-stdin'], home, '');
    expect(empty.code).toBe(2);
    await expect(stat(join(work, 'none'))).rejects.toThrow();
  });

  it('refuses a destination inside the backup folder (exit 4), and every run left both backups as they were', async () => {
    const run = await afterimage(['recover', plain, '--out', join(plain, 'Recovered')], home);
    expect(run.code).toBe(4);
    expect(oneLine(run.stderr)).toEqual([expect.stringContaining('Refusing to write')]);
    expect(snapshotFolder(plain)).toEqual(before.plain);
    expect(snapshotFolder(encrypted)).toEqual(before.encrypted);
  });

  it('scans a backup folder with afterimage scan', async () => {
    const run = await afterimageWithStdin(['scan', encrypted, '--password-stdin', '--json'], home, password);
    expect(run.code, run.stderr).toBe(0);
    const state = ScanStateSchema.parse(JSON.parse(run.stdout));
    expect(state).toMatchObject({ status: 'done', findingCount: cameraRoll.length, progress: { filesDone: cameraRoll.length, filesTotal: cameraRoll.length } });
  });
});

describe('afterimage recover FOLDER: Android’s trash and a Recycle Bin', () => {
  it('gives back the trashed, pending and binned photos under their real names and original folders', async () => {
    const folder = join(work, 'phone-copy');
    const expected = writeLeftoverFolder(folder);
    const untouched = snapshotFolder(folder);
    const out = join(work, 'rescued');
    const run = await afterimage(['recover', folder, '--out', out, '--json'], home);
    expect(run.code, run.stderr).toBe(0);
    const report = RecoveryReportSchema.parse(JSON.parse(run.stdout));
    expect(Object.fromEntries(report.files.map((f) => [f.path, f.sha256]))).toEqual(Object.fromEntries(expected));
    for (const [path, hash] of expected) expect(sha256(await readFile(join(out, path)))).toBe(hash);
    expect(report.files.find((f) => f.name === 'IMG_20240602_111111.jpg')?.trash).toMatchObject({ by: 'android-trash', purgeAt: TRASH_EXPIRES });
    expect(report.files.find((f) => f.name === 'VID_20240612_093000.mp4')?.trash).toMatchObject({ by: 'android-pending' });
    expect(report.files.find((f) => f.name === 'beach.jpg')).toMatchObject({ originalPath: '/Users/anna/Pictures/Holiday/beach.jpg', trash: { by: 'recycle-bin', deletedAt: BIN_DELETED } });
    expect(snapshotFolder(folder)).toEqual(untouched);
    const inside = await afterimage(['recover', folder, '--out', join(folder, 'DCIM', 'Rescued')], home);
    expect(inside.code).toBe(4);
    expect(snapshotFolder(folder)).toEqual(untouched);
  });
});
