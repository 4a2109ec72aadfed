import { connectOneDrive, FRAGMENT_UNIT, OneDrivePersonalTarget, type OneDriveTarget, type PutProgress } from '@afterimage/cloud-adapters';
import { collect, countingSource, expectedOf, MapSessionStore, photoLike, readBack } from '@afterimage/cloud-adapters/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type OneDriveEmulator, startOneDriveEmulator } from './onedrive-emulator.js';
import { isLastFragment, startTestDrive, testTargetOptions, UPLOAD_PATH } from './onedrive-test-harness.js';

let drive: OneDriveEmulator;
afterEach(async () => drive?.close());

const SIZE = FRAGMENT_UNIT * 3 + 5_000;
const requests = (from = 0) => drive.emulator.log.slice(from);
const uploaded = (from = 0) => requests(from).filter((r) => r.method === 'PUT').reduce((sum, r) => sum + r.bytesIn, 0);
const sessionsCreated = (from = 0) => requests(from).filter((r) => r.path.endsWith(':/createUploadSession')).length;

/** A target on the running emulator (a personal drive gives the personal class). */
function personal(root = 'Backup', extra = {}): Promise<OneDriveTarget> {
  return connectOneDrive(testTargetOptions(drive, root, extra));
}

describe('onedrive target through the Graph SDK', () => {
  it('round-trips a file, and a second put of the same bytes sends nothing', async () => {
    drive = await startTestDrive('personal');
    const target = await personal();
    const bytes = photoLike(SIZE, 1);
    const stored = await target.put('2024/IMG_0001.jpg', countingSource(bytes), expectedOf(bytes));
    expect((await readBack(target, '2024/IMG_0001.jpg')).equals(bytes)).toBe(true);
    const mark = drive.emulator.log.length;
    expect(await target.put('2024/IMG_0001.jpg', countingSource(bytes), expectedOf(bytes))).toEqual(stored);
    expect(requests(mark).map((r) => r.method)).toEqual(['GET']);
  });

  it('resumes an interrupted upload from the offset OneDrive committed, in the same session', async () => {
    drive = await startTestDrive('personal');
    const target = await personal();
    const bytes = photoLike(SIZE, 2);
    const sessions = new MapSessionStore();
    const controller = new AbortController();
    const onProgress = (p: PutProgress) => p.committed >= FRAGMENT_UNIT && controller.abort();
    await expect(target.put('v.mp4', countingSource(bytes), expectedOf(bytes), { sessions, signal: controller.signal, onProgress })).rejects.toMatchObject({ name: 'AbortError' });
    const mark = drive.emulator.log.length;
    await target.put('v.mp4', countingSource(bytes), expectedOf(bytes), { sessions });
    expect(requests(mark).find((r) => UPLOAD_PATH.test(r.path))?.method, 'the upload URL is asked first').toBe('GET');
    expect(uploaded(mark), 'bytes sent by the second put').toBe(SIZE - FRAGMENT_UNIT);
    expect(sessionsCreated(mark)).toBe(0);
    expect((await readBack(target, 'v.mp4')).equals(bytes)).toBe(true);
  });

  it('sends only the 2nd fragment again when its connection is cut', async () => {
    drive = await startTestDrive('personal');
    const target = await personal();
    const bytes = photoLike(SIZE, 3);
    drive.emulator.faults.add({ kind: 'cut-request', method: 'PUT', path: UPLOAD_PATH, skip: 1 });
    await target.put('cut.mp4', countingSource(bytes), expectedOf(bytes), { sessions: new MapSessionStore() });
    expect(uploaded(), 'the file plus the half fragment that was cut').toBe(SIZE + FRAGMENT_UNIT / 2);
    expect(sessionsCreated()).toBe(1);
    expect((await readBack(target, 'cut.mp4')).equals(bytes)).toBe(true);
  });

  it('makes one file when the answer to the last fragment is lost', async () => {
    drive = await startTestDrive('personal');
    const target = await personal();
    const bytes = photoLike(SIZE, 4);
    drive.emulator.faults.add({ kind: 'drop-response', method: 'PUT', path: UPLOAD_PATH, when: isLastFragment });
    const stored = await target.put('drop.mp4', countingSource(bytes), expectedOf(bytes), { sessions: new MapSessionStore() });
    expect(stored.size).toBe(SIZE);
    expect(sessionsCreated(), 'no second upload session').toBe(1);
    expect((await collect(target.list(''))).map((o) => o.path)).toEqual(['drop.mp4']);
    expect([...drive.store.items.values()].filter((i) => i.name === 'drop.mp4')).toHaveLength(1);
  });

  it('waits out a 429 for the Retry-After OneDrive gave', async () => {
    drive = await startTestDrive('personal');
    const slept: number[] = [];
    const target = await personal('Backup', { retry: { sleep: async (ms: number) => void slept.push(ms) } });
    drive.emulator.faults.add({ kind: 'rate-limit', method: 'PUT', path: UPLOAD_PATH, retryAfterSeconds: 1 });
    const bytes = photoLike(SIZE, 5);
    await target.put('busy.mp4', countingSource(bytes), expectedOf(bytes));
    expect(slept).toEqual([1000]);
    expect(drive.emulator.log.filter((r) => r.status === 429)).toHaveLength(1);
  });

  it('refuses a copy whose QuickXorHash is not that of the bytes sent, and removes it', async () => {
    drive = await startTestDrive('personal');
    // A proxy that damages one byte of the 2nd fragment on its way (the bytes sent were right).
    let puts = 0;
    const damaging: typeof fetch = (url, init) => {
      if (init?.method === 'PUT' && ++puts === 2 && Buffer.isBuffer(init.body)) {
        const body = Buffer.from(init.body);
        body[10] ^= 0xff;
        return fetch(url, { ...init, body });
      }
      return fetch(url, init);
    };
    const target = await personal('Backup', { fetch: damaging });
    const bytes = photoLike(SIZE, 6);
    await expect(target.put('bad.mp4', countingSource(bytes), expectedOf(bytes))).rejects.toMatchObject({ name: 'IntegrityError', message: expect.stringMatching(/QuickXorHash.*removed/) });
    expect(await target.stat('bad.mp4')).toBeNull();
  });

  it('signs in again once after a 401, then gives up with AuthError', async () => {
    drive = await startTestDrive('personal');
    let current = drive.tokens.issue();
    const refused: string[] = [];
    const tokens = { token: async () => current, refused: (t: string) => void (refused.push(t), (current = drive.tokens.issue())) };
    const target = await personal('Backup', { tokens });
    drive.tokens.expire(current);
    expect(await target.stat('none.jpg')).toBeNull();
    expect(refused).toHaveLength(1);
    const stale = await personal('Backup', { tokens: { token: async () => 'expired' } }).catch((e: unknown) => e);
    expect(stale).toMatchObject({ name: 'AuthError' });
  });

  it('says the drive is full with NoSpaceError (507 quotaLimitReached)', async () => {
    drive = await startOneDriveEmulator({ quotaBytes: 100_000 });
    const target = await connectOneDrive(testTargetOptions(drive, 'Backup'));
    // A simple upload (PUT …/content) and an upload session (createUploadSession with fileSize) both say so.
    for (const size of [200_000, SIZE]) {
      const bytes = photoLike(size, 7);
      await expect(target.put(`full-${size}.jpg`, countingSource(bytes), expectedOf(bytes))).rejects.toMatchObject({ name: 'NoSpaceError' });
    }
  });

  it('lists through pages and refuses names OneDrive does not allow', async () => {
    drive = await startTestDrive('personal', 2);
    const target = await personal();
    const names = ['a/1.jpg', 'a/2.jpg', 'a/3.jpg', 'a/b/4.jpg', 'a/b/5.jpg', 'c.jpg', 'd.jpg'];
    for (const [i, name] of names.entries()) await target.put(name, countingSource(photoLike(1000, i)), expectedOf(photoLike(1000, i)));
    expect((await collect(target.list(''))).map((o) => o.path).sort()).toEqual(names);
    for (const bad of ['a/what?.jpg', 'x:y.jpg', ' lead.jpg', '../up.jpg']) {
      await expect(target.put(bad, countingSource(photoLike(100)), expectedOf(photoLike(100)))).rejects.toMatchObject({ name: 'InvalidPathError' });
    }
  });

  it('lists and restores deleted files of its own folder on a personal drive', async () => {
    drive = await startTestDrive('personal');
    const target = await personal('Backup/Photos');
    const other = await personal('Elsewhere');
    const bytes = photoLike(9_000, 8);
    const stored = await target.put('2024/IMG_1.jpg', countingSource(bytes), expectedOf(bytes));
    await target.put('notes.txt', countingSource(photoLike(100, 9)), expectedOf(photoLike(100, 9)));
    await other.put('IMG_2.jpg', countingSource(bytes), expectedOf(bytes));
    for (const [t, path] of [[target, '2024/IMG_1.jpg'], [target, 'notes.txt'], [other, 'IMG_2.jpg']] as const) await t.remove(path);
    if (!(target instanceof OneDrivePersonalTarget)) throw new Error('a personal drive gives the personal target');
    const mark = drive.emulator.log.length;
    const trashed = await collect(target.listTrash({ mediaOnly: true }));
    expect(requests(mark).filter((r) => r.path.endsWith('/root/delta')).length, 'delta pages read').toBeGreaterThan(1);
    expect(trashed).toEqual([expect.objectContaining({ name: 'IMG_1.jpg', path: '2024/IMG_1.jpg', size: 9_000, hashes: stored.hashes })]);
    const restored = await target.restore(trashed[0]!);
    expect(restored).toMatchObject({ path: '2024/IMG_1.jpg', hashes: stored.hashes });
    expect((await readBack(target, '2024/IMG_1.jpg')).equals(bytes)).toBe(true);
  });

  it('on OneDrive for Business has no trash ability and says in plain words where the recycle bin is', async () => {
    drive = await startTestDrive('business');
    const target = await connectOneDrive(testTargetOptions(drive, 'Backup'));
    expect(target instanceof OneDrivePersonalTarget).toBe(false);
    expect(target.limits.trash).toMatch(/OneDrive for Business.*Recycle bin.*Restore/);
    const guessed = new OneDrivePersonalTarget(testTargetOptions(drive, 'Backup'));
    await expect(collect(guessed.listTrash())).rejects.toMatchObject({ name: 'UnsupportedError', message: target.limits.trash });
  });
});
