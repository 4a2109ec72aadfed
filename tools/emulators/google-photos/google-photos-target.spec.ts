import { adapterFor, bufferContent, canRemove, canTrash, staticToken, type PutProgress } from '@afterimage/cloud-adapters';
import { collect, expectedOf, MapSessionStore, photoLike, readBack } from '@afterimage/cloud-adapters/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { photosHarness, SIMPLE_MAX } from './photos-harness.js';
import { CHUNK_GRANULARITY } from './upload-routes.js';

const harness = photosHarness();
afterAll(() => harness.cleanup!());

const count = async (path: string) => (await harness.emulator()).log.filter((r) => r.path === path).length;
const uploadBytes = async () => (await harness.emulator()).log.filter((r) => r.path === '/v1/uploads').reduce((sum, r) => sum + r.bytesIn, 0);

describe('google-photos target', () => {
  it('google-photos: a second put of the same file sends no upload and no batchCreate', async () => {
    const target = await harness.target();
    const bytes = photoLike(40_000, 1);
    const first = await target.put('IMG_0001.jpg', bufferContent(bytes), expectedOf(bytes));
    const [uploads, creates] = [await count('/v1/uploads'), await count('/v1/mediaItems:batchCreate')];
    const second = await target.put('IMG_0001.jpg', bufferContent(bytes), expectedOf(bytes));
    expect(second).toEqual(first);
    expect([await count('/v1/uploads'), await count('/v1/mediaItems:batchCreate')]).toEqual([uploads, creates]);
  });

  it('google-photos: an upload interrupted after two chunks resumes from the offset Google reports, not from zero', async () => {
    const target = await harness.target();
    const bytes = photoLike(SIMPLE_MAX + 3 * CHUNK_GRANULARITY + 77, 2);
    const sessions = new MapSessionStore();
    const controller = new AbortController();
    const onProgress = (p: PutProgress) => p.committed >= 2 * CHUNK_GRANULARITY && controller.abort();
    const before = await uploadBytes();
    await expect(target.put('VID_0002.mp4', bufferContent(bytes), expectedOf(bytes), { sessions, signal: controller.signal, onProgress })).rejects.toMatchObject({ name: 'AbortError' });
    expect(sessions.entries.size, 'the session kept for the next put').toBe(1);
    await target.put('VID_0002.mp4', bufferContent(bytes), expectedOf(bytes), { sessions });
    expect((await uploadBytes()) - before, 'bytes uploaded over both puts').toBe(bytes.length);
    expect((await readBack(target, 'VID_0002.mp4')).equals(bytes)).toBe(true);
    expect(sessions.entries.size).toBe(0);
  });

  it('google-photos: bytes that do not match expected are refused before the last chunk, so no item exists', async () => {
    const target = await harness.target();
    const bytes = photoLike(SIMPLE_MAX + CHUNK_GRANULARITY + 5, 3);
    const sessions = new MapSessionStore();
    const creates = await count('/v1/mediaItems:batchCreate');
    const before = await uploadBytes();
    const put = target.put('IMG_0003.jpg', bufferContent(bytes), expectedOf(photoLike(bytes.length, 33)), { sessions });
    await expect(put).rejects.toMatchObject({ name: 'IntegrityError', message: expect.stringContaining('nothing was stored') });
    expect((await uploadBytes()) - before, 'all but the last (5-byte) chunk sent').toBe(bytes.length - 5);
    expect(await count('/v1/mediaItems:batchCreate')).toBe(creates);
    expect(await target.stat('IMG_0003.jpg')).toBeNull();
    expect(sessions.entries.size).toBe(0);
  });

  it('google-photos: the album is found among app-created albums only; a user album of the same title is left alone', async () => {
    const emulator = await harness.emulator();
    const foreign = emulator.addForeignAlbum('Afterimage backups');
    emulator.addForeignItem('IMG_0004.jpg', Buffer.from('the user’s own photo'), foreign.id);
    const target = adapterFor('google-photos')!.create({ kind: 'google-photos', root: 'Afterimage backups' }, { tokens: staticToken('emulator-token'), apiBase: emulator.url });
    expect(await target.stat('IMG_0004.jpg'), 'the user’s photo is invisible').toBeNull();
    const bytes = photoLike(9_000, 4);
    await target.put('IMG_0004.jpg', bufferContent(bytes), expectedOf(bytes));
    const albums = [...emulator.state.albums.values()].filter((a) => a.title === 'Afterimage backups');
    expect(albums.map((a) => [a.appCreated, a.itemIds.length])).toEqual([[false, 1], [true, 1]]);
    expect((await collect(target.list(''))).map((o) => o.path)).toEqual(['IMG_0004.jpg']);
    expect((await readBack(target, 'IMG_0004.jpg')).equals(bytes)).toBe(true);
  });

  it('google-photos: says plainly that it cannot remove or list the trash, with the steps in the app', async () => {
    const target = await harness.target();
    expect(canTrash(target)).toBe(false);
    expect(canRemove(target)).toBe(false);
    expect(target.limits.trash).toMatch(/Library → Trash \(called Bin.*Restore.*60 days/);
    expect(target.limits.remove).toMatch(/cannot delete/);
  });

  it('google-photos: keeps a path’s file name only (a flat album); refuses a path without one, a missing sign-in and a refused token with typed errors', async () => {
    const target = await harness.target();
    const bytes = photoLike(1_000, 5);
    expect(await target.put('2024/06/IMG.jpg', bufferContent(bytes), expectedOf(bytes))).toMatchObject({ path: 'IMG.jpg' });
    expect(await target.stat('2025/01/IMG.jpg')).toMatchObject({ path: 'IMG.jpg', size: bytes.length });
    for (const path of ['2024/', '2024/..', 'a\\b.jpg', '']) {
      await expect(target.put(path, bufferContent(bytes), expectedOf(bytes)), path).rejects.toMatchObject({ name: 'InvalidPathError' });
    }
    expect(() => adapterFor('google-photos')!.create({ kind: 'google-photos', root: 'x' }, {})).toThrow(/Sign in to Google/);
    const refused: string[] = [];
    const tokens = { token: async () => 'expired', refused: (t: string) => void refused.push(t) };
    const signedOut = adapterFor('google-photos')!.create({ kind: 'google-photos', root: 'x' }, { tokens, apiBase: (await harness.emulator()).url });
    await expect(signedOut.stat('IMG.jpg')).rejects.toMatchObject({ name: 'AuthError' });
    expect(refused, 'the token source was told once, then asked again').toEqual(['expired']);
  });
});
