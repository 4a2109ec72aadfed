// End to end: photos recovered from a phone folder (Android's trash: .trashed-<expiry>-<name>) backed up by the `afterimage` command and the agent it
// starts to Google Photos (the emulator, AFTERIMAGE_GOOGLE_PHOTOS_API), which gives photos back without their
// location as Google does. A geotagged photo counts as a copy checked without its location (hash kind
// sha256-no-gps in the ledger), one without GPS as checked byte for byte, a video is not planned for it at all, and the
// copies are found again, not uploaded again. All as processes.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BackupJobStateSchema, BackupStatusSchema, BackupTargetConfigSchema, RecoveryReportSchema, type RecoveryReport } from '@afterimage/contracts';
import { hashesOf } from '@afterimage/cloud-adapters/testing';
import { cameraPhoto } from '../google-photos/camera-photo.js';
import { startGooglePhotosEmulator, type GooglePhotosEmulator } from '../google-photos/google-photos-emulator.js';
import { cliEnv, repo, runAfterimage } from './cli-process.js';

let work: string;
let photos: GooglePhotosEmulator;
let report: RecoveryReport;
const originals = new Map<string, Buffer>();

const afterimage = (args: string[]) =>
  runAfterimage(args, cliEnv(join(work, 'home'), { AFTERIMAGE_GOOGLE_PHOTOS_API: photos.url, AFTERIMAGE_GOOGLE_CLIENT_ID: 'test-client.apps.googleusercontent.com', AFTERIMAGE_GOOGLE_CLIENT_SECRET: 'test-secret' }));

const uploads = () => photos.log.filter((r) => r.method === 'POST' && r.path === '/v1/uploads').length;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'e2e-photos-'));
  photos = await startGooglePhotosEmulator();
  const phone = join(work, 'phone', 'DCIM');
  await mkdir(phone, { recursive: true });
  originals.set('IMG_0001.JPG', await cameraPhoto('jpeg', true, 7));
  originals.set('IMG_0002.JPG', await cameraPhoto('jpeg', false, 8));
  originals.set('VID_0003.MP4', await readFile(join(repo, 'libs/carve-engine/src/testing/fixtures/isobmff/camera.mp4')));
  for (const [name, bytes] of originals) await writeFile(join(phone, `.trashed-1780000000-${name}`), bytes);
  const run = await afterimage(['recover', join(work, 'phone'), '--out', join(work, 'Recovered'), '--json']);
  expect(run.stderr).toBe('');
  report = RecoveryReportSchema.parse(JSON.parse(run.stdout));
}, 120_000);
afterAll(async () => {
  await photos?.close();
  await rm(work, { recursive: true, force: true });
});

describe('afterimage backup to Google Photos (emulated), which gives photos back without their location', () => {
  it('counts a geotagged photo as a copy checked without its location, sends no video, and finds its copies again', async () => {
    expect(report.files.map((f) => f.name).sort()).toEqual([...originals.keys()].sort());
    const tokens = { provider: 'google', accessToken: 'emulator-token', refreshToken: 'refresh-token', expiresAt: Date.now() + 3_600_000, scope: ['https://www.googleapis.com/auth/photoslibrary.appendonly'], account: 'me@example.com' };
    const accounts = { version: 1, accounts: [{ id: 'google-test', provider: 'google', label: 'me@example.com', addedAt: new Date().toISOString(), tokens }] };
    await writeFile(join(work, 'home', 'accounts.json'), JSON.stringify(accounts), { mode: 0o600 });
    const addPhotos = async () => BackupTargetConfigSchema.parse(JSON.parse((await afterimage(['backup', 'targets', 'add', 'google-photos', 'Afterimage', '--account', 'google-test', '--json'])).stdout));
    let cloud = await addPhotos();
    expect((await afterimage(['backup', 'targets', 'add', 'local-folder', join(work, 'usb')])).code).toBe(0);

    const run = await afterimage(['backup', 'run', '--json']);
    const state = BackupJobStateSchema.parse(JSON.parse(run.stdout));
    // The plan leaves Google Photos out for the video (it takes photos only), and says what the video still lacks.
    expect(state.failures).toEqual([]);
    expect(state.notes.join(' ')).toMatch(/1 photo cannot get an offsite copy/);
    expect(uploads(), 'the two photos, not the video').toBe(2);

    const copiesOnPhotos = async () => {
      const status = BackupStatusSchema.parse(JSON.parse((await afterimage(['backup', 'status', '--json', '--all'])).stdout));
      return Object.fromEntries(status.photos.map((p) => [p.name, p.copies.find((c) => c.targetId === cloud.id)]));
    };
    const geotagged = originals.get('IMG_0001.JPG')!;
    const plain = originals.get('IMG_0002.JPG')!;
    const expected = {
      'IMG_0001.JPG': expect.objectContaining({ hashKind: 'sha256-no-gps', verifiedHash: hashesOf(geotagged, ['sha256-no-gps'])['sha256-no-gps'] }),
      'IMG_0002.JPG': expect.objectContaining({ hashKind: 'sha256', verifiedHash: hashesOf(plain, ['sha256']).sha256 }),
      'VID_0003.MP4': undefined,
    };
    expect(await copiesOnPhotos()).toEqual(expected);

    // The ledger forgets Google Photos (removed, added again): the album's items are recognised as these photos.
    expect((await afterimage(['backup', 'targets', 'remove', cloud.id])).code).toBe(0);
    cloud = await addPhotos();
    const again = BackupJobStateSchema.parse(JSON.parse((await afterimage(['backup', 'run', '--json'])).stdout));
    expect(again.progress).toMatchObject({ alreadyThere: 2, uploaded: 0, failed: 0 });
    expect(uploads(), 'nothing uploaded again').toBe(2);
    expect(await copiesOnPhotos()).toEqual(expected);
  }, 180_000);
});
