import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGooglePhotosEmulator, type GooglePhotosEmulator } from './google-photos-emulator.js';
import { CHUNK_GRANULARITY } from './upload-routes.js';

let emulator: GooglePhotosEmulator;
const auth = { authorization: 'Bearer emulator-token' };
const call = (path: string, init: RequestInit = {}) => fetch(emulator.url + path, { ...init, headers: { ...auth, ...(init.headers as Record<string, string>) } });
const post = (path: string, body: unknown) => call(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const rawUpload = async (bytes: Buffer) =>
  (await call('/v1/uploads', { method: 'POST', headers: { 'x-goog-upload-protocol': 'raw', 'x-goog-upload-content-type': 'image/jpeg' }, body: bytes })).text();
const create = (albumId: string, uploadToken: string, fileName = 'a.jpg') => post('/v1/mediaItems:batchCreate', { albumId, newMediaItems: [{ simpleMediaItem: { uploadToken, fileName } }] });

beforeAll(async () => {
  emulator = await startGooglePhotosEmulator();
});
afterAll(() => emulator.close());

describe('google-photos emulator', () => {
  it('refuses a request without a live token with Google 401 UNAUTHENTICATED body', async () => {
    const response = await fetch(`${emulator.url}/v1/albums`);
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: { status: string } }).error.status).toBe('UNAUTHENTICATED');
  });

  it('lists only the albums this app created', async () => {
    emulator.addForeignAlbum('Holidays (made in the app)');
    const made = (await (await post('/v1/albums', { album: { title: 'google-photos backup' } })).json()) as { id: string };
    const listed = (await (await call('/v1/albums')).json()) as { albums: { id: string; title: string }[] };
    expect(listed.albums.map((a) => a.title)).toEqual(['google-photos backup']);
    expect(listed.albums[0]!.id).toBe(made.id);
  });

  it('creates an item from an upload token once; the same token again fails that item alone, with 200', async () => {
    const album = (await (await post('/v1/albums', { album: { title: 'tokens' } })).json()) as { id: string };
    const token = await rawUpload(Buffer.from('jpeg bytes'));
    const first = (await (await create(album.id, token)).json()) as { newMediaItemResults: { status: { message: string }; mediaItem: { baseUrl: string; filename: string } }[] };
    expect(first.newMediaItemResults[0]!.status.message).toBe('Success');
    expect(first.newMediaItemResults[0]!.mediaItem.filename).toBe('a.jpg');
    const again = await create(album.id, token);
    expect(again.status).toBe(200);
    expect(((await again.json()) as { newMediaItemResults: { status: { code: number } }[] }).newMediaItemResults[0]!.status.code).toBe(3);
    const unknown = (await (await create(album.id, 'CAISnot-a-token')).json()) as { newMediaItemResults: { status: { code: number } }[] };
    expect(unknown.newMediaItemResults[0]!.status.code).toBe(3);
    expect((await create(album.id, '')).status).toBe(400);
    const download = await fetch(`${first.newMediaItemResults[0]!.mediaItem.baseUrl}=d`);
    expect(Buffer.from(await download.arrayBuffer()).toString()).toBe('jpeg bytes');
    expect((await fetch(`${first.newMediaItemResults[0]!.mediaItem.baseUrl}=w100-h100`)).status).toBe(400);
  });

  it('keeps the user’s own albums and photos out of reach: 400 to add, 403 to search or get, 404 when unknown', async () => {
    const foreign = emulator.addForeignAlbum('Family');
    const photo = emulator.addForeignItem('IMG_1.jpg', Buffer.from('private'), foreign.id);
    const refused = await create(foreign.id, await rawUpload(Buffer.from('x')));
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toBe('No permission to add media items to this album.');
    expect((await post('/v1/mediaItems:search', { albumId: foreign.id })).status).toBe(403);
    expect((await post('/v1/mediaItems:search', { albumId: 'AF1Qipnothere' })).status).toBe(404);
    expect((await call(`/v1/mediaItems/${photo.id}`)).status).toBe(403);
    expect((await call('/v1/mediaItems/AKznothere')).status).toBe(404);
    const all = (await (await post('/v1/mediaItems:search', { pageSize: 100 })).json()) as { mediaItems?: { filename: string }[] };
    expect(all.mediaItems?.map((m) => m.filename)).not.toContain('IMG_1.jpg');
  });

  it('pages an album’s items with pageSize and nextPageToken', async () => {
    const album = (await (await post('/v1/albums', { album: { title: 'pages' } })).json()) as { id: string };
    for (const name of ['1.jpg', '2.jpg', '3.jpg']) await create(album.id, await rawUpload(Buffer.from(name)), name);
    const first = (await (await post('/v1/mediaItems:search', { albumId: album.id, pageSize: 2 })).json()) as { mediaItems: { filename: string }[]; nextPageToken: string };
    const second = (await (await post('/v1/mediaItems:search', { albumId: album.id, pageSize: 2, pageToken: first.nextPageToken })).json()) as { mediaItems: { filename: string }[]; nextPageToken?: string };
    expect([...first.mediaItems, ...second.mediaItems].map((m) => m.filename)).toEqual(['1.jpg', '2.jpg', '3.jpg']);
    expect(second.nextPageToken).toBeUndefined();
  });

  it('runs a resumable upload: start, aligned chunks at the right offset, query, finalize, and forgets an expired session', async () => {
    const size = CHUNK_GRANULARITY + 10;
    const start = await call('/v1/uploads', { method: 'POST', headers: { 'x-goog-upload-protocol': 'resumable', 'x-goog-upload-command': 'start', 'x-goog-upload-raw-size': String(size) } });
    const url = start.headers.get('x-goog-upload-url')!;
    expect(start.headers.get('x-goog-upload-chunk-granularity')).toBe(String(CHUNK_GRANULARITY));
    const send = (command: string, offset: number, body: Buffer) => fetch(url, { method: 'POST', headers: { ...auth, 'x-goog-upload-command': command, 'x-goog-upload-offset': String(offset) }, body });
    const query = () => fetch(url, { method: 'POST', headers: { ...auth, 'x-goog-upload-command': 'query' } });
    expect((await send('upload', 0, Buffer.alloc(1000))).status, 'a chunk not a multiple of the granularity').toBe(400);
    expect((await send('upload', 0, Buffer.alloc(CHUNK_GRANULARITY, 1))).status).toBe(200);
    expect((await send('upload', 0, Buffer.alloc(CHUNK_GRANULARITY, 1))).status, 'a chunk at a stale offset').toBe(400);
    expect((await query()).headers.get('x-goog-upload-size-received')).toBe(String(CHUNK_GRANULARITY));
    const last = await send('upload, finalize', CHUNK_GRANULARITY, Buffer.alloc(10, 2));
    const token = await last.text();
    expect(last.headers.get('x-goog-upload-status')).toBe('final');
    const queried = await query();
    expect(queried.headers.get('x-goog-upload-status')).toBe('final');
    expect(await queried.text()).toBe(token);
    emulator.faults.add({ kind: 'expire-session', path: '/v1/uploads' });
    expect((await query()).status).toBe(404);
    expect((await query()).status, 'the session stays forgotten').toBe(404);
  });
});
