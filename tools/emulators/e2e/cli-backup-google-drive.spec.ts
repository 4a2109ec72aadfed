// End to end: the `afterimage` command, the agent it starts, the account in HOME/accounts.json and the
// Google Drive adapter against the Drive emulator (AFTERIMAGE_GOOGLE_DRIVE_API), all as processes.
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BackupJobStateSchema, BackupStatusSchema, BackupTargetConfigSchema, RecoveryReportSchema, TrashListSchema, type RecoveryReport } from '@afterimage/contracts';
import { startDriveEmulator, type DriveEmulator } from '../google-drive/index.js';
import { cliEnv, repo, runAfterimage } from './cli-process.js';

let work: string;
let drive: DriveEmulator;
let report: RecoveryReport;

const afterimage = (args: string[]) =>
  runAfterimage(args, cliEnv(join(work, 'home'), { AFTERIMAGE_GOOGLE_DRIVE_API: drive.url, AFTERIMAGE_GOOGLE_CLIENT_ID: 'test-client.apps.googleusercontent.com', AFTERIMAGE_GOOGLE_CLIENT_SECRET: 'test-secret' }));

const uploadsStarted = () => drive.log.filter((r) => r.method === 'POST' && r.path === '/upload/drive/v3/files').length;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'e2e-drive-'));
  drive = await startDriveEmulator();
  const card = join(work, 'demo-card.img');
  await pipeline(createReadStream(join(repo, 'fixtures/demo-card/demo-card.img.gz')), createGunzip(), createWriteStream(card));
  const run = await afterimage(['recover', card, '--out', join(work, 'Recovered'), '--include-live', '--json']);
  expect(run.code).toBe(0);
  report = RecoveryReportSchema.parse(JSON.parse(run.stdout));
});
afterAll(async () => {
  await drive?.close();
  await rm(work, { recursive: true, force: true });
});

describe('afterimage backup to Google Drive (emulated) with a signed-in account', () => {
  it('refuses a Drive target for an account that is not signed in', async () => {
    const run = await afterimage(['backup', 'targets', 'add', 'google-drive', 'Afterimage Backup', '--account', 'google-test']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('No signed-in account google-test: sign in to Google Drive first.');
  });

  it('backs every recovered photo up to 3-2-1 on a local drive and Drive, checked by Drive’s own sha256, and uploads nothing the second time', async () => {
    const tokens = { provider: 'google', accessToken: 'emulator-token', refreshToken: 'refresh-token', expiresAt: Date.now() + 3_600_000, scope: ['https://www.googleapis.com/auth/drive.file'], account: 'me@example.com' };
    const accounts = { version: 1, accounts: [{ id: 'google-test', provider: 'google', label: 'me@example.com', addedAt: new Date().toISOString(), tokens }] };
    await writeFile(join(work, 'home', 'accounts.json'), JSON.stringify(accounts), { mode: 0o600 });
    const added = await afterimage(['backup', 'targets', 'add', 'google-drive', 'Afterimage Backup', '--account', 'google-test', '--json']);
    expect(added.stderr).toBe('');
    const cloud = BackupTargetConfigSchema.parse(JSON.parse(added.stdout));
    expect(cloud).toMatchObject({ kind: 'google-drive', title: 'Google Drive', offsite: true, medium: 'cloud', account: 'google-test' });
    expect((await afterimage(['backup', 'targets', 'add', 'local-folder', join(work, 'usb')])).code).toBe(0);

    const run = await afterimage(['backup', 'run', '--json']);
    expect(run.code).toBe(0);
    const n = report.files.length;
    expect(BackupJobStateSchema.parse(JSON.parse(run.stdout))).toMatchObject({ status: 'done', failures: [], after: { photos: n, meets321: n }, progress: { uploaded: 2 * n } });
    expect(uploadsStarted()).toBe(n);
    const status = BackupStatusSchema.parse(JSON.parse((await afterimage(['backup', 'status', '--json'])).stdout));
    for (const photo of status.photos) {
      expect(photo.copies.find((c) => c.targetId === cloud.id)).toMatchObject({ medium: 'cloud', offsite: true, location: `2024/06/${photo.name}`, hashKind: 'sha256', verifiedHash: photo.sha256 });
    }

    const again = await afterimage(['backup', 'run']);
    expect(again.code).toBe(0);
    expect(uploadsStarted()).toBe(n);
    const trash = TrashListSchema.parse(JSON.parse((await afterimage(['trash', 'list', '--target', cloud.id, '--json'])).stdout));
    expect(trash).toEqual({ items: [], unavailable: [] });
  });
});
