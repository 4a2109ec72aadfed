import { bufferContent } from '@afterimage/cloud-adapters';
import { expectedOf, MapSessionStore, photoLike, readBack } from '@afterimage/cloud-adapters/testing';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { photosHarness, SIMPLE_MAX } from './photos-harness.js';
import { CHUNK_GRANULARITY } from './upload-routes.js';

const harness = photosHarness();
afterEach(() => harness.faults.clear());
afterAll(() => harness.cleanup!());

const log = async () => (await harness.emulator()).log;
const albumItems = async (title: string) => {
  const emulator = await harness.emulator();
  const album = [...emulator.state.albums.values()].find((a) => a.title === title && a.appCreated)!;
  return emulator.state.albumItems(album);
};
const albumOf = (target: { id: string }) => target.id.slice(target.id.indexOf(':', 'google-photos:'.length) + 1);
const large = (seed: number) => photoLike(SIMPLE_MAX + 2 * CHUNK_GRANULARITY + 99, seed);

describe('google-photos faults', () => {
  it('google-photos: a connection cut in the 2nd chunk resends that chunk only, from the offset Google reports', async () => {
    const target = await harness.target();
    const bytes = large(1);
    harness.faults.add({ kind: 'cut-request', ...harness.faults.chunk, skip: 1, times: 1 });
    const from = (await log()).length;
    await target.put('VID_cut.mp4', bufferContent(bytes), expectedOf(bytes), { sessions: new MapSessionStore() });
    const uploads = (await log()).slice(from).filter((r) => r.path === '/v1/uploads');
    expect(uploads.filter((r) => r.fault === 'cut-request')).toHaveLength(1);
    expect(uploads.reduce((sum, r) => sum + r.bytesIn, 0), 'the file, plus the half chunk the cut lost').toBe(bytes.length + CHUNK_GRANULARITY / 2);
    expect((await readBack(target, 'VID_cut.mp4')).equals(bytes)).toBe(true);
  });

  it('google-photos: a lost batchCreate response is found in the album on retry instead of creating a second item', async () => {
    const target = await harness.target();
    const bytes = photoLike(30_000, 2);
    harness.faults.add({ kind: 'drop-response', ...harness.faults.finish, times: 1 });
    const from = (await log()).length;
    await target.put('IMG_drop.jpg', bufferContent(bytes), expectedOf(bytes));
    expect((await log()).slice(from).filter((r) => r.path === '/v1/mediaItems:batchCreate')).toHaveLength(1);
    expect((await albumItems(albumOf(target))).map((i) => i.filename)).toEqual(['IMG_drop.jpg']);
  });

  it('google-photos: when the album search lags behind, the used upload token is refused and the item is looked up, not duplicated', async () => {
    let dropped = false;
    let lagging = false;
    const flaky: typeof fetch = async (input, init) => {
      const url = String(input);
      if (url.endsWith('/v1/mediaItems:search') && lagging) {
        lagging = false;
        return new Response('{}', { headers: { 'content-type': 'application/json' } });
      }
      const response = await fetch(input, init);
      if (url.endsWith(':batchCreate') && !dropped) {
        dropped = lagging = true;
        throw new TypeError('fetch failed (the answer was lost)');
      }
      return response;
    };
    const target = await harness.target({ baseDelayMs: 1 }, { fetch: flaky });
    const bytes = photoLike(25_000, 3);
    const from = (await log()).length;
    await target.put('IMG_lag.jpg', bufferContent(bytes), expectedOf(bytes));
    expect((await log()).slice(from).filter((r) => r.path === '/v1/mediaItems:batchCreate'), 'the first create and the refused second').toHaveLength(2);
    expect((await albumItems(albumOf(target))).map((i) => i.filename)).toEqual(['IMG_lag.jpg']);
  });

  it('google-photos: a 429 is waited out for exactly its Retry-After', async () => {
    const waits: number[] = [];
    const target = await harness.target({ baseDelayMs: 1, sleep: async (ms) => void waits.push(ms) });
    harness.faults.add({ kind: 'rate-limit', ...harness.faults.chunk, retryAfterSeconds: 7, times: 1 });
    const bytes = large(4);
    await target.put('VID_429.mp4', bufferContent(bytes), expectedOf(bytes));
    expect(waits).toEqual([7000]);
    expect((await readBack(target, 'VID_429.mp4')).equals(bytes)).toBe(true);
  });

  it('google-photos: a stored item that reads back different is an IntegrityError that says the item stays', async () => {
    // A download that loses its last 10 bytes: neither the photo sent nor that photo without its location.
    const stripping: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (!String(input).includes('/lr/')) return response;
      const bytes = Buffer.from(await response.arrayBuffer());
      return new Response(bytes.subarray(0, bytes.length - 10), { status: 200 });
    };
    const target = await harness.target(undefined, { fetch: stripping });
    const bytes = photoLike(20_000, 5);
    const put = target.put('IMG_gps.jpg', bufferContent(bytes), expectedOf(bytes));
    await expect(put).rejects.toMatchObject({ name: 'IntegrityError', message: expect.stringMatching(/reads back as 19990 bytes.*cannot delete/) });
    expect((await albumItems(albumOf(target))).map((i) => i.bytes.equals(bytes))).toEqual([true]);
  });
});
