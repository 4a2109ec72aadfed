import { bufferContent, GoogleDriveTarget, staticToken, type TrashedItem } from '@afterimage/cloud-adapters';
import { expectedOf, photoLike } from '@afterimage/cloud-adapters/testing';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { startDriveEmulator, type DriveEmulator } from './emulator.js';

const MAX = 4 * 1024 * 1024;
/** A real 640×480 JPEG (landscape) from sharp. */
const photo = () => sharp({ create: { width: 640, height: 480, channels: 3, background: { r: 40, g: 90, b: 200 } } }).jpeg({ quality: 85 }).toBuffer();

describe('google-drive previews of trashed files, through thumbnailLink and alt=media', () => {
  let drive: DriveEmulator | undefined;
  afterEach(async () => drive?.close());

  async function trashed(files: Record<string, Buffer>): Promise<{ drive: DriveEmulator; target: GoogleDriveTarget; items: Record<string, TrashedItem> }> {
    drive = await startDriveEmulator();
    const target = new GoogleDriveTarget({ root: 'Afterimage/Backups', tokens: staticToken('emulator-token'), apiBase: drive.url, retry: { baseDelayMs: 1 } });
    for (const [path, bytes] of Object.entries(files)) {
      await target.put(path, bufferContent(bytes), expectedOf(bytes));
      await target.remove(path);
    }
    const items: Record<string, TrashedItem> = {};
    for await (const item of target.listTrash()) items[item.name] = item;
    return { drive, target, items };
  }
  const changes = (d: DriveEmulator, from: number) => d.log.slice(from).filter((r) => r.method !== 'GET');

  it('google-drive: a trashed photo keeps its thumbnailLink; the preview is Drive’s thumbnail at the size asked for, never enlarged', async () => {
    const { drive, target, items } = await trashed({ '2024/IMG_0301.jpg': await photo() });
    const item = items['IMG_0301.jpg']!;
    const meta = await fetch(`${drive.url}/drive/v3/files/${item.id}?fields=trashed,hasThumbnail,thumbnailLink`, { headers: { authorization: 'Bearer emulator-token' } });
    expect(await meta.json()).toEqual({ trashed: true, hasThumbnail: true, thumbnailLink: `${drive.url}/drive-storage/${item.id}=s220` });
    const from = drive.log.length;
    const small = await target.previewTrashed(item, { maxBytes: MAX, edge: 256 });
    expect(small).toMatchObject({ kind: 'thumbnail', mimeType: 'image/jpeg' });
    expect(await sharp(small!.bytes).metadata()).toMatchObject({ format: 'jpeg', width: 256, height: 192 });
    const large = await target.previewTrashed(item, { maxBytes: MAX, edge: 1024 });
    expect(await sharp(large!.bytes).metadata()).toMatchObject({ width: 640, height: 480 });
    expect(drive.log.slice(from).map((r) => r.path.replace(item.id, 'ID'))).toEqual(['/drive/v3/files/ID', '/drive-storage/ID=s256', '/drive/v3/files/ID', '/drive-storage/ID=s1024']);
    expect(changes(drive, from)).toEqual([]);
    expect(await target.stat('2024/IMG_0301.jpg')).toBeNull();
  });

  it('google-drive: a photo Drive made no thumbnail of comes whole (alt=media works in the trash); a video gets none', async () => {
    const heic = photoLike(6000, 31);
    const broken = photoLike(7000, 32); // JPEG markers around noise: no thumbnail can be made of it
    const { drive, target, items } = await trashed({ 'p/IMG_0302.HEIC': heic, 'p/IMG_0303.jpg': broken, 'p/clip.mp4': photoLike(5000, 33) });
    const from = drive.log.length;
    const original = await target.previewTrashed(items['IMG_0302.HEIC']!, { maxBytes: MAX });
    expect(original).toMatchObject({ kind: 'original', mimeType: 'image/heic' });
    expect(original!.bytes.equals(heic)).toBe(true);
    const fallback = await target.previewTrashed(items['IMG_0303.jpg']!, { maxBytes: MAX });
    expect(fallback?.kind).toBe('original');
    expect(fallback!.bytes.equals(broken)).toBe(true);
    expect(await target.previewTrashed(items['clip.mp4']!, { maxBytes: MAX })).toBeNull();
    await expect(target.previewTrashed(items['IMG_0302.HEIC']!, { maxBytes: 1000 })).rejects.toMatchObject({ name: 'TooLargeError' });
    expect(changes(drive, from)).toEqual([]);
  });

  it('google-drive: a thumbnail that never ends is read to the limit and no further', async () => {
    const { drive, target, items } = await trashed({ 'p/IMG_0304.jpg': await photo() });
    drive.faults.add({ kind: 'flood-response', path: '/drive-storage/' });
    const from = drive.log.length;
    await expect(target.previewTrashed(items['IMG_0304.jpg']!, { maxBytes: 1024 * 1024 })).rejects.toMatchObject({ name: 'TooLargeError' });
    const flood = drive.log.slice(from).find((r) => r.fault === 'flood-response');
    await expect.poll(() => flood?.hungUp).toBe(true);
    expect(flood!.bytesOut).toBeLessThan(64 * 1024 * 1024);
  });

  it('google-drive: an item that is no longer in the trash is NotFoundError', async () => {
    const { target, items } = await trashed({ 'p/IMG_0305.jpg': await photo() });
    const item = items['IMG_0305.jpg']!;
    await target.restore(item);
    await expect(target.previewTrashed(item, { maxBytes: MAX })).rejects.toMatchObject({ name: 'NotFoundError', message: expect.stringContaining('no longer in Google Drive') });
    await expect(target.previewTrashed({ ...item, id: '1nothing' }, { maxBytes: MAX })).rejects.toMatchObject({ name: 'NotFoundError' });
  });
});
