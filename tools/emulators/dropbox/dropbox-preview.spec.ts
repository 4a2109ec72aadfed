import { bufferContent, type DropboxTarget, type TrashedItem } from '@afterimage/cloud-adapters';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { FLOOD_BYTES } from '../lib/server.js';
import { dropboxHarness } from './dropbox-harness.js';
import { bytesOf, emulatorView, expected } from './dropbox-spec-support.js';

const harness = dropboxHarness();
const { mark, requestsSince } = emulatorView(harness);
afterAll(() => harness.cleanup?.());

const MAX = 4 * 1024 * 1024;

/** A real 640×480 JPEG (landscape) from sharp. */
const photo = () => sharp({ create: { width: 640, height: 480, channels: 3, background: { r: 200, g: 120, b: 40 } } }).jpeg({ quality: 85 }).toBuffer();

/** Puts each file, deletes it, and gives back its item from the deleted files, by name. */
async function deleted(target: DropboxTarget, files: Record<string, Buffer>): Promise<Record<string, TrashedItem>> {
  for (const [path, bytes] of Object.entries(files)) {
    await target.put(path, bufferContent(bytes), expected(bytes));
    await target.remove(path);
  }
  const items: Record<string, TrashedItem> = {};
  for await (const item of target.listTrash()) items[item.name] = item;
  return items;
}

describe('dropbox previews of deleted files, through get_thumbnail_v2 and download with rev:', () => {
  it('dropbox: a deleted photo is previewed at the size asked for, never enlarged, and stays deleted', async () => {
    const target = await harness.target();
    const items = await deleted(target, { '2024/IMG_0201.jpg': await photo() });
    const item = items['IMG_0201.jpg']!;
    const from = await mark();
    const small = await target.previewTrashed(item, { maxBytes: MAX, edge: 256 });
    expect(small?.kind).toBe('thumbnail');
    expect(await sharp(small!.bytes).metadata()).toMatchObject({ format: 'jpeg', width: 256, height: 192 });
    const large = await target.previewTrashed(item, { maxBytes: MAX, edge: 1024 });
    expect(await sharp(large!.bytes).metadata()).toMatchObject({ width: 640, height: 480 });
    // Two reads, nothing else: no restore, no write.
    expect((await requestsSince(from)).map((r) => `${r.path} ${r.status}`)).toEqual(['get_thumbnail_v2 200', 'get_thumbnail_v2 200']);
    expect(await target.stat('2024/IMG_0201.jpg')).toBeNull();
  });

  it('dropbox: a deleted HEIC (no Dropbox thumbnail) comes whole from its revision; a video gets no preview and no request', async () => {
    const target = await harness.target();
    const heic = bytesOf(5000, 3);
    const items = await deleted(target, { 'p/IMG_0202.HEIC': heic, 'p/clip.mp4': bytesOf(4000, 4) });
    const from = await mark();
    const original = await target.previewTrashed(items['IMG_0202.HEIC']!, { maxBytes: MAX });
    expect(original?.kind).toBe('original');
    expect(original?.bytes.equals(heic)).toBe(true);
    expect(await target.previewTrashed(items['clip.mp4']!, { maxBytes: MAX })).toBeNull();
    expect((await requestsSince(from)).map((r) => `${r.path} ${r.status}`)).toEqual(['download 200']);
    // Too big to read whole: refused from the listed size, before any request.
    const before = await mark();
    await expect(target.previewTrashed(items['IMG_0202.HEIC']!, { maxBytes: 4096 })).rejects.toMatchObject({ name: 'TooLargeError' });
    expect(await requestsSince(before)).toEqual([]);
  });

  it('dropbox: a thumbnail that never ends is read to the limit and no further', async () => {
    const target = await harness.target();
    const items = await deleted(target, { 'p/IMG_0203.jpg': await photo() });
    const emulator = await harness.emulator();
    emulator.faults.add({ kind: 'flood-response', path: '/2/files/get_thumbnail_v2' });
    const from = emulator.log.length;
    await expect(target.previewTrashed(items['IMG_0203.jpg']!, { maxBytes: 2 * 1024 * 1024 })).rejects.toMatchObject({ name: 'TooLargeError', message: expect.stringContaining('2097152 bytes') });
    const flood = emulator.log.slice(from).find((r) => r.fault === 'flood-response');
    // The reader hung up: what the server wrote is the limit plus socket buffers, not the 1 GiB it had.
    await expect.poll(() => flood?.hungUp).toBe(true);
    expect(flood!.bytesOut).toBeGreaterThan(2 * 1024 * 1024);
    expect(flood!.bytesOut).toBeLessThan(64 * 1024 * 1024);
    expect(FLOOD_BYTES).toBe(1024 * 1024 * 1024);
  });

  it('dropbox: a revision that is not there is NotFoundError, an id that is not this target’s too', async () => {
    const target = await harness.target();
    const root = target.id.slice(target.id.indexOf(':/') + 1);
    const gone = { id: `fffffffff0000:${root}/IMG_9.jpg`, name: 'IMG_9.jpg' };
    await expect(target.previewTrashed(gone, { maxBytes: MAX })).rejects.toMatchObject({ name: 'NotFoundError' });
    await expect(target.previewTrashed({ ...gone, id: 'fffffffff0000:/Elsewhere/IMG_9.jpg' }, { maxBytes: MAX })).rejects.toMatchObject({ name: 'NotFoundError' });
    await expect(target.previewTrashed({ id: 'not-a-rev', name: 'x.jpg' }, { maxBytes: MAX })).rejects.toMatchObject({ name: 'NotFoundError' });
  });
});
