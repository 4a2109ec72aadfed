import { adapterFor, AuthError, bufferContent, GoogleDriveTarget, IntegrityError, NoSpaceError, staticToken, type AccessTokenSource, type GoogleDriveOptions } from '@afterimage/cloud-adapters';
import { collect, expectedOf, MapSessionStore, objectsAt, photoLike, readBack } from '@afterimage/cloud-adapters/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { TokenBook } from '../lib/tokens.js';
import { startDriveEmulator, type DriveEmulator, type DriveEmulatorOptions } from './emulator.js';
import { isChunk, isLastChunk, TEST_CHUNK } from './google-drive-harness.js';

describe('google-drive target against the Drive emulator', () => {
  let drive: DriveEmulator | undefined;
  afterEach(async () => drive?.close());

  const slept: number[] = [];
  /** A target on a fresh emulator; sleeps are recorded, not waited. */
  async function setup(emulator: DriveEmulatorOptions = {}, options: Partial<GoogleDriveOptions> = {}) {
    slept.length = 0;
    drive = await startDriveEmulator(emulator);
    const target = new GoogleDriveTarget({
      root: 'Afterimage/Backups',
      tokens: staticToken('emulator-token'),
      apiBase: drive.url,
      chunkSize: TEST_CHUNK,
      resumableAbove: TEST_CHUNK,
      retry: { sleep: async (ms) => void slept.push(ms) },
      ...options,
    });
    return { drive, target };
  }
  const put = (target: GoogleDriveTarget, path: string, bytes: Buffer, sessions = new MapSessionStore()) => target.put(path, bufferContent(bytes, 64 * 1024), expectedOf(bytes), { sessions });
  const uploadRequests = (d: DriveEmulator) => d.log.filter((r) => r.path.startsWith('/upload/'));

  it('honours Retry-After on a 429 for a metadata call and for a chunk', async () => {
    const { drive, target } = await setup();
    drive.faults.add({ kind: 'rate-limit', method: 'GET', path: '/drive/v3/files', retryAfterSeconds: 3 });
    drive.faults.add({ kind: 'rate-limit', method: 'PUT', path: '/upload/drive/v3/files', when: isChunk, skip: 1, retryAfterSeconds: 2 });
    const bytes = photoLike(TEST_CHUNK * 3, 1);
    await put(target, 'v/clip.mp4', bytes);
    expect(slept).toEqual([3000, 2000]);
    expect((await readBack(target, 'v/clip.mp4')).equals(bytes)).toBe(true);
  });

  it('asks for a fresh token once after a 401, then gives up with AuthError', async () => {
    const tokens = new TokenBook(['good']);
    const refused: string[] = [];
    let current = 'stale';
    const source: AccessTokenSource = { token: async () => current, refused: (t) => (refused.push(t), (current = 'good')) };
    const { target } = await setup({ tokens }, { tokens: source });
    const bytes = photoLike(5000, 2);
    await put(target, 'a.jpg', bytes);
    expect(refused).toEqual(['stale']);
    const never: AccessTokenSource = { token: async () => 'revoked', refused: (t) => void refused.push(t) };
    const locked = new GoogleDriveTarget({ root: 'Afterimage/Backups', tokens: never, apiBase: drive!.url });
    await expect(locked.stat('a.jpg')).rejects.toBeInstanceOf(AuthError);
    expect(refused).toEqual(['stale', 'revoked']);
  });

  it('deletes a stored copy whose Drive checksums differ from the bytes sent (multipart and resumable)', async () => {
    const flip = (content: Buffer) => Buffer.concat([content.subarray(0, 10), Buffer.from([content[10]! ^ 1]), content.subarray(11)]);
    const { drive, target } = await setup({ tamper: flip });
    await expect(put(target, 'small.jpg', photoLike(4000, 3))).rejects.toBeInstanceOf(IntegrityError);
    await expect(put(target, 'big.mp4', photoLike(TEST_CHUNK * 2 + 5, 4))).rejects.toThrow(/md5 .* differs/);
    expect(drive.store.countFiles()).toBe(0);
  });

  it('says the Drive is full with NoSpaceError', async () => {
    const { target } = await setup({ quotaBytes: 100_000 });
    await expect(put(target, 'big.mp4', photoLike(TEST_CHUNK * 2, 5))).rejects.toBeInstanceOf(NoSpaceError);
    await expect(put(target, 'p.jpg', photoLike(150_000, 6))).rejects.toBeInstanceOf(NoSpaceError);
  });

  it('creates each folder once when puts into a new folder run at the same time', async () => {
    const { drive, target } = await setup();
    await Promise.all([1, 2, 3, 4, 5].map((i) => put(target, `2024/June/IMG_${i}.jpg`, photoLike(3000 + i, i))));
    expect(['Afterimage', 'Backups', '2024', 'June'].map((name) => drive.store.named(name).length)).toEqual([1, 1, 1, 1]);
    expect((await collect(target.list('2024/June'))).length).toBe(5);
  });

  it('resumes a put from another run: asks the kept session first, then sends only the rest', async () => {
    const { drive, target } = await setup({}, { retry: { attempts: 1 } });
    const bytes = photoLike(TEST_CHUNK * 4 + 77, 7);
    const sessions = new MapSessionStore();
    drive.faults.add({ kind: 'server-error', method: 'PUT', when: isChunk, skip: 2 });
    await expect(put(target, 'v/long.mp4', bytes, sessions)).rejects.toMatchObject({ name: 'TransientError' });
    expect(sessions.entries.size).toBe(1);
    const before = drive.log.length;
    const stored = await put(target, 'v/long.mp4', bytes, sessions);
    const resumed = uploadRequests({ ...drive, log: drive.log.slice(before) } as DriveEmulator);
    expect(resumed[0]).toMatchObject({ method: 'PUT', bytesIn: 0, status: 308 });
    expect(resumed.some((r) => r.method === 'POST'), 'no new session').toBe(false);
    expect(drive.bytesReceived()).toBeLessThan(bytes.length * 1.6);
    expect(stored.size).toBe(bytes.length);
    expect(sessions.entries.size).toBe(0);
  });

  it('a lost answer to the last chunk: the session says it finished, and one file is kept', async () => {
    const { drive, target } = await setup();
    drive.faults.add({ kind: 'drop-response', method: 'PUT', when: isLastChunk });
    const bytes = photoLike(TEST_CHUNK * 2 + 9, 8);
    await put(target, 'v/drop.mp4', bytes);
    expect(drive.store.countFiles()).toBe(1);
    expect(uploadRequests(drive).filter((r) => r.method === 'POST')).toHaveLength(1);
    expect(uploadRequests(drive).at(-1)).toMatchObject({ method: 'PUT', bytesIn: 0, status: 200 });
  });

  it('replacing different content at a path keeps one object and moves the old one to the trash', async () => {
    const { target } = await setup();
    const first = photoLike(6000, 9);
    const second = photoLike(6000, 10);
    await put(target, 'p/x.jpg', first);
    const stored = await put(target, 'p/x.jpg', second);
    expect(await objectsAt(target, 'p/x.jpg')).toEqual([stored]);
    expect((await readBack(target, 'p/x.jpg')).equals(second)).toBe(true);
    expect((await collect(target.listTrash())).map((i) => [i.path, i.hashes?.sha256])).toEqual([['p/x.jpg', expectedOf(first).sha256]]);
  });

  it('lists only photos and videos from the trash with mediaOnly, and nothing from outside the root', async () => {
    const { drive, target } = await setup();
    for (const path of ['a/IMG_1.jpg', 'a/notes.txt', 'v/VID_1.mov']) await put(target, path, photoLike(2000, path.length));
    for (const path of ['a/IMG_1.jpg', 'a/notes.txt', 'v/VID_1.mov']) await target.remove(path);
    const elsewhere = new GoogleDriveTarget({ root: 'Other', tokens: staticToken('emulator-token'), apiBase: drive.url });
    await put(elsewhere, 'o.jpg', photoLike(2000, 99));
    await elsewhere.remove('o.jpg');
    const media = await collect(target.listTrash({ mediaOnly: true }));
    expect(media.map((i) => [i.path, i.mimeType]).sort()).toEqual([
      ['a/IMG_1.jpg', 'image/jpeg'],
      ['v/VID_1.mov', 'video/quicktime'],
    ]);
    expect((await collect(target.listTrash())).length).toBe(3);
  });

  it('skips an unchanged file by md5 when Drive gives no sha256Checksum', async () => {
    const { drive, target } = await setup({ sha256Checksum: false });
    const bytes = photoLike(TEST_CHUNK + 10, 11);
    const stored = await put(target, 'v/old.mp4', bytes);
    expect(stored.hashes).toEqual({ md5: expect.stringMatching(/^[0-9a-f]{32}$/) });
    const before = drive.bytesReceived();
    await put(target, 'v/old.mp4', bytes);
    expect(drive.bytesReceived() - before).toBe(0);
    expect(drive.store.countFiles()).toBe(1);
  });

  it('is made by the registry row with the emulator as apiBase, and refuses a chunk size Drive would not take', async () => {
    const { drive } = await setup();
    const row = adapterFor('google-drive')!;
    expect(row).toMatchObject({ title: 'Google Drive', medium: 'cloud', account: 'google' });
    const target = row.create({ kind: 'google-drive', root: 'Registry' }, { tokens: staticToken('emulator-token'), apiBase: drive.url });
    const bytes = photoLike(1000, 12);
    await target.put('r.jpg', bufferContent(bytes), expectedOf(bytes));
    expect((await target.stat('r.jpg'))?.size).toBe(1000);
    expect(() => row.create({ kind: 'google-drive', root: 'x' }, {})).toThrow(AuthError);
    expect(() => new GoogleDriveTarget({ root: 'x', tokens: staticToken('t'), chunkSize: 300_000 })).toThrow(RangeError);
  });
});
