import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startDropboxEmulator, type DropboxEmulator } from './dropbox-emulator.js';

let dropbox: DropboxEmulator;
const auth = { authorization: 'Bearer emulator-token' };
const content = (route: string, args: unknown, body = Buffer.alloc(0)) =>
  fetch(`${dropbox.url}/2/${route}`, { method: 'POST', headers: { ...auth, 'content-type': 'application/octet-stream', 'dropbox-api-arg': JSON.stringify(args) }, body });
const rpc = (route: string, args: unknown) => fetch(`${dropbox.url}/2/${route}`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify(args) });
const thumbnail = (path: string, extra: Record<string, unknown> = {}) => content('files/get_thumbnail_v2', { resource: { '.tag': 'path', path }, ...extra });

beforeEach(async () => {
  dropbox = await startDropboxEmulator();
});
afterEach(() => dropbox.close());

/** Uploads `bytes` at `path`, deletes it, and gives back the rev it had. */
async function uploadAndDelete(path: string, bytes: Buffer): Promise<string> {
  const rev = ((await (await content('files/upload', { path, mode: 'add' }, Buffer.from(bytes))).json()) as { rev: string }).rev;
  expect((await rpc('files/delete_v2', { path })).status).toBe(200);
  return rev;
}

describe('dropbox emulator: thumbnails and reads by revision', () => {
  it('dropbox: get_thumbnail_v2 of a deleted photo’s rev: answers a JPEG in the size box, with PreviewResult in Dropbox-API-Result', async () => {
    const jpeg = await sharp({ create: { width: 300, height: 600, channels: 3, background: '#20a060' } }).jpeg().toBuffer();
    const rev = await uploadAndDelete('/Photos/IMG_1.jpg', jpeg);
    expect((await thumbnail('/Photos/IMG_1.jpg')).status).toBe(409); // the live path is gone
    const strict = await thumbnail(`rev:${rev}`, { size: { '.tag': 'w480h320' } });
    expect(strict.status).toBe(200);
    expect(JSON.parse(strict.headers.get('dropbox-api-result') ?? '{}')).toMatchObject({ file_metadata: { '.tag': 'file', name: 'IMG_1.jpg', rev, size: jpeg.length } });
    expect(await sharp(Buffer.from(await strict.arrayBuffer())).metadata()).toMatchObject({ format: 'jpeg', width: 160, height: 320 });
    // bestfit: the box or its transpose, so a portrait photo fills 320×480.
    const bestfit = await thumbnail(`rev:${rev}`, { size: { '.tag': 'w480h320' }, mode: { '.tag': 'bestfit' }, format: { '.tag': 'png' } });
    expect(await sharp(Buffer.from(await bestfit.arrayBuffer())).metadata()).toMatchObject({ format: 'png', width: 240, height: 480 });
  });

  it('dropbox: answers ThumbnailV2Error as Dropbox does: unsupported_extension, unsupported_image, path/not_found; 400 off the ReadPath pattern', async () => {
    const rev = await uploadAndDelete('/v/clip.mp4', Buffer.from('not a picture'));
    const video = await thumbnail(`rev:${rev}`);
    expect(video.status).toBe(409);
    expect(await video.json()).toEqual({ error_summary: 'unsupported_extension/..', error: { '.tag': 'unsupported_extension' } });
    const noise = await uploadAndDelete('/v/noise.jpg', Buffer.from('ffd8ff00112233', 'hex'));
    expect(await (await thumbnail(`rev:${noise}`)).json()).toEqual({ error_summary: 'unsupported_image/..', error: { '.tag': 'unsupported_image' } });
    expect(await (await thumbnail('rev:0000000000fff')).json()).toEqual({ error_summary: 'path/not_found/..', error: { '.tag': 'path', path: { '.tag': 'not_found' } } });
    const bad = await thumbnail('rev:xyz');
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('did not match pattern');
  });

  it('dropbox: files/download of rev: reads a deleted file’s revision; the plain path no longer does', async () => {
    const bytes = Buffer.from('the first version');
    const rev = await uploadAndDelete('/Docs/a.txt', bytes);
    const byRev = await content('files/download', { path: `rev:${rev}` });
    expect(byRev.status).toBe(200);
    expect(Buffer.from(await byRev.arrayBuffer()).equals(bytes)).toBe(true);
    expect(JSON.parse(byRev.headers.get('dropbox-api-result') ?? '{}')).toMatchObject({ rev, name: 'a.txt' });
    expect((await content('files/download', { path: '/Docs/a.txt' })).status).toBe(409);
  });
});
