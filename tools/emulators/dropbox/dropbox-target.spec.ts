import { AuthError, bufferContent, DropboxTarget, IntegrityError, NoSpaceError, staticToken } from '@afterimage/cloud-adapters';
import { afterAll, describe, expect, it } from 'vitest';
import { dropboxHarness } from './dropbox-harness.js';
import { bytesOf, emulatorView, expected, LARGE } from './dropbox-spec-support.js';
import { contentHashOf } from './dropbox-store.js';

const harness = dropboxHarness();
const { requestsSince } = emulatorView(harness);
afterAll(() => harness.cleanup?.());

describe('dropbox target on the emulator, through the dropbox SDK', () => {
  it('dropbox: round trip, and a second put of the same bytes sends nothing but a lookup', async () => {
    const target = await harness.target();
    const bytes = bytesOf(5000, 1);
    const stored = await target.put('2024/IMG_0001.jpg', bufferContent(bytes), expected(bytes));
    expect(stored).toMatchObject({ path: '2024/IMG_0001.jpg', size: 5000, hashes: { dropbox: contentHashOf(bytes) } });
    const between = (await harness.emulator()).log.length;
    expect(await target.put('2024/IMG_0001.jpg', bufferContent(bytes), expected(bytes))).toEqual(stored);
    expect(await requestsSince(between)).toEqual([{ path: 'get_metadata', bytes: expect.any(Number), status: 200, fault: undefined }]);
  });

  it('dropbox: delete, then the deleted file is listed from its revisions and restored with the same content_hash', async () => {
    const target = await harness.target();
    const photo = bytesOf(3000, 6);
    const note = bytesOf(100, 7);
    const stored = await target.put('p/IMG_0101.JPG', bufferContent(photo), expected(photo));
    await target.put('p/notes.txt', bufferContent(note), expected(note));
    await target.remove('p/IMG_0101.JPG');
    await target.remove('p/notes.txt');
    const all = [];
    for await (const item of target.listTrash()) all.push(item);
    expect(all.map((i) => i.path).sort()).toEqual(['p/IMG_0101.JPG', 'p/notes.txt']);
    const media = [];
    for await (const item of target.listTrash({ mediaOnly: true })) media.push(item);
    expect(media).toEqual([{ id: expect.any(String), name: 'IMG_0101.JPG', path: 'p/IMG_0101.JPG', size: 3000, deletedAt: expect.any(String), hashes: stored.hashes }]);
    const restored = await target.restore(media[0]!);
    expect(restored).toMatchObject({ path: 'p/IMG_0101.JPG', size: 3000, hashes: stored.hashes });
    expect((await target.stat('p/IMG_0101.JPG'))?.hashes).toEqual(stored.hashes);
  });

  it('dropbox: a copy Dropbox stored wrongly is refused and undone (deleted, or the previous version put back)', async () => {
    const target = await harness.target();
    const emulator = await harness.emulator();
    const first = bytesOf(2000, 8);
    emulator.store.corruptNextWrite = true;
    await expect(target.put('c.jpg', bufferContent(first), expected(first))).rejects.toBeInstanceOf(IntegrityError);
    expect(await target.stat('c.jpg')).toBeNull();
    const good = await target.put('c.jpg', bufferContent(first), expected(first));
    const second = bytesOf(LARGE, 9);
    emulator.store.corruptNextWrite = true;
    await expect(target.put('c.jpg', bufferContent(second), expected(second))).rejects.toBeInstanceOf(IntegrityError);
    expect((await target.stat('c.jpg'))?.hashes).toEqual(good.hashes);
  });

  it('dropbox: a download that breaks off continues with a Range request from the bytes already delivered', async () => {
    const emulator = await harness.emulator();
    const ranges: (string | null)[] = [];
    let broken = false;
    const breaking: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (!String(input).endsWith('/2/files/download')) return response;
      ranges.push(new Headers(init?.headers).get('range'));
      if (broken || !response.body) return response;
      broken = true;
      const reader = response.body.getReader();
      const first = await reader.read();
      let pulls = 0;
      const cut = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (pulls++ === 0) controller.enqueue((first.value ?? new Uint8Array()).subarray(0, 1000));
          else controller.error(new TypeError('terminated'));
        },
      });
      return new Response(cut, { status: response.status, headers: response.headers });
    };
    const root = '/Afterimage/dropbox range';
    const target = new DropboxTarget({ root, tokens: staticToken('emulator-token'), apiBase: emulator.url, fetch: breaking, retry: { baseDelayMs: 1 } });
    const bytes = bytesOf(50_000, 12);
    await target.put('r.jpg', bufferContent(bytes), expected(bytes));
    const parts: Buffer[] = [];
    for await (const part of target.open('r.jpg')) parts.push(part);
    expect(Buffer.concat(parts).equals(bytes)).toBe(true);
    expect(ranges).toEqual([null, 'bytes=1000-']);
  });

  it('dropbox: a full account is NoSpaceError; a refused token is asked again once, then AuthError', async () => {
    const emulator = await harness.emulator();
    const target = await harness.target();
    emulator.store.quotaBytes = emulator.store.usedBytes() + 10;
    const bytes = bytesOf(100, 10);
    await expect(target.put('big.jpg', bufferContent(bytes), expected(bytes))).rejects.toBeInstanceOf(NoSpaceError);
    emulator.store.quotaBytes = Number.POSITIVE_INFINITY;
    const refused: string[] = [];
    let calls = 0;
    const rotating = { token: async () => (++calls === 1 ? 'stale-token' : 'emulator-token'), refused: (t: string) => void refused.push(t) };
    expect(await (await harness.target(undefined, rotating)).stat('nothing.jpg')).toBeNull();
    expect(refused).toEqual(['stale-token']);
    const never = { token: async () => 'stale-token' };
    await expect((await harness.target(undefined, never)).stat('nothing.jpg')).rejects.toBeInstanceOf(AuthError);
  });
});
