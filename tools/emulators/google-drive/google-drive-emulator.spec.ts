import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startDriveEmulator, type DriveEmulator } from './emulator.js';

const AUTH = { authorization: 'Bearer emulator-token' };
const KIB256 = 256 * 1024;

describe('google-drive emulator routes', () => {
  let drive: DriveEmulator;
  beforeEach(async () => {
    drive = await startDriveEmulator({ quotaBytes: 4 * 1024 * 1024 });
  });
  afterEach(() => drive.close());

  const json = async (path: string, init: RequestInit = {}) => {
    const res = await fetch(`${drive.url}${path}`, { ...init, headers: { ...AUTH, 'content-type': 'application/json', ...init.headers } });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Drive's JSON, read field by field in the assertions
    return { status: res.status, headers: res.headers, body: res.status === 204 ? undefined : ((await res.json().catch(() => undefined)) as Record<string, any>) };
  };

  it('answers 401 with Google error JSON without a valid bearer token', async () => {
    const res = await fetch(`${drive.url}/drive/v3/files`, { headers: { authorization: 'Bearer nope' } });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: 401, status: 'UNAUTHENTICATED', errors: [{ reason: 'authError', domain: 'global' }] } });
  });

  it('creates a folder, takes a multipart upload, reports md5/sha256 and serves alt=media', async () => {
    const folder = await json('/drive/v3/files?fields=id,mimeType', { method: 'POST', body: JSON.stringify({ name: 'Backups', mimeType: 'application/vnd.google-apps.folder', parents: ['root'] }) });
    expect(folder.body).toEqual({ id: expect.any(String), mimeType: 'application/vnd.google-apps.folder' });
    const bytes = Buffer.from('a photo, more or less');
    const body = Buffer.concat([
      Buffer.from(`--xx\r\ncontent-type: application/json\r\n\r\n${JSON.stringify({ name: 'p.jpg', parents: [folder.body!['id']] })}\r\n--xx\r\ncontent-type: image/jpeg\r\n\r\n`),
      bytes,
      Buffer.from('\r\n--xx--'),
    ]);
    const up = await json('/upload/drive/v3/files?uploadType=multipart&fields=id,size,md5Checksum,sha256Checksum,mimeType', { method: 'POST', body, headers: { 'content-type': 'multipart/related; boundary=xx' } });
    expect(up.body).toEqual({
      id: expect.any(String),
      size: String(bytes.length),
      mimeType: 'image/jpeg',
      md5Checksum: createHash('md5').update(bytes).digest('hex'),
      sha256Checksum: createHash('sha256').update(bytes).digest('hex'),
    });
    const media = await fetch(`${drive.url}/drive/v3/files/${up.body!['id']}?alt=media`, { headers: AUTH });
    expect(Buffer.from(await media.arrayBuffer())).toEqual(bytes);
    const q = encodeURIComponent(`name = 'p.jpg' and '${folder.body!['id']}' in parents and trashed = false`);
    expect((await json(`/drive/v3/files?q=${q}&fields=files(name)`)).body).toEqual({ files: [{ name: 'p.jpg' }] });
  });

  it('pages files.list with nextPageToken and rejects a query it cannot read', async () => {
    for (let i = 0; i < 5; i++) await json('/drive/v3/files', { method: 'POST', body: JSON.stringify({ name: `f${i}` }) });
    const names: string[] = [];
    let token = '';
    for (let pages = 0; pages < 10; pages++) {
      const page = await json(`/drive/v3/files?pageSize=2&fields=nextPageToken,files(name)${token ? `&pageToken=${token}` : ''}`);
      names.push(...(page.body!['files'] as { name: string }[]).map((f) => f.name));
      token = page.body!['nextPageToken'] ?? '';
      if (!token) break;
    }
    expect(names).toEqual(['f0', 'f1', 'f2', 'f3', 'f4']);
    const bad = await json(`/drive/v3/files?q=${encodeURIComponent('name = unquoted')}`);
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: { errors: [{ reason: 'invalid', location: 'q' }] } });
  });

  it('runs a resumable session: 308 with Range, status query, 200 at the end and after it', async () => {
    const bytes = Buffer.alloc(KIB256 * 2 + 1000, 7);
    const init = await fetch(`${drive.url}/upload/drive/v3/files?uploadType=resumable&fields=id,size,sha256Checksum`, {
      method: 'POST',
      headers: { ...AUTH, 'content-type': 'application/json', 'x-upload-content-length': String(bytes.length) },
      body: JSON.stringify({ name: 'big.mp4' }),
    });
    expect(init.status).toBe(200);
    const session = init.headers.get('location')!;
    expect(session).toMatch(/\/upload\/drive\/v3\/files\?uploadType=resumable&upload_id=/);
    const put = (start: number, end: number, body = bytes.subarray(start, end)) =>
      fetch(session, { method: 'PUT', redirect: 'manual', headers: { 'content-range': `bytes ${start}-${end - 1}/${bytes.length}` }, body });
    // A chunk that is not a multiple of 256 KiB is committed only up to the last whole 256 KiB.
    const first = await put(0, KIB256 + 10);
    expect([first.status, first.headers.get('range')]).toEqual([308, `bytes=0-${KIB256 - 1}`]);
    const status = await fetch(session, { method: 'PUT', redirect: 'manual', headers: { 'content-range': `bytes */${bytes.length}` } });
    expect([status.status, status.headers.get('range')]).toEqual([308, `bytes=0-${KIB256 - 1}`]);
    expect((await put(KIB256 * 2, bytes.length)).status).toBe(400);
    expect((await put(KIB256, KIB256 * 2)).status).toBe(308);
    const last = await put(KIB256 * 2, bytes.length);
    expect(last.status).toBe(200);
    expect(await last.json()).toEqual({ id: expect.any(String), size: String(bytes.length), sha256Checksum: createHash('sha256').update(bytes).digest('hex') });
    const after = await fetch(session, { method: 'PUT', headers: { 'content-range': `bytes */${bytes.length}` } });
    expect(after.status).toBe(200);
    expect(drive.store.countFiles()).toBe(1);
  });

  it('answers 404 for an expired session (expire-session fault) and an unknown upload_id', async () => {
    const init = await fetch(`${drive.url}/upload/drive/v3/files?uploadType=resumable`, { method: 'POST', headers: { ...AUTH, 'content-type': 'application/json' }, body: '{"name":"x"}' });
    const session = init.headers.get('location')!;
    drive.faults.add({ kind: 'expire-session', method: 'PUT' });
    const put = () => fetch(session, { method: 'PUT', headers: { 'content-range': 'bytes 0-2/3' }, body: 'abc' });
    expect((await put()).status).toBe(404);
    const again = await put();
    expect(again.status).toBe(404);
    expect(await again.json()).toMatchObject({ error: { code: 404, errors: [{ reason: 'notFound' }] } });
  });

  it('trashes, restores and deletes with Drive status codes; 403 storageQuotaExceeded past the quota', async () => {
    const file = (await json('/drive/v3/files', { method: 'POST', body: JSON.stringify({ name: 'gone.jpg' }) })).body!;
    const trashed = await json(`/drive/v3/files/${file['id']}?fields=trashed,trashedTime`, { method: 'PATCH', body: '{"trashed":true}' });
    expect(trashed.body).toEqual({ trashed: true, trashedTime: expect.any(String) });
    expect((await json(`/drive/v3/files?q=${encodeURIComponent('trashed = true')}&fields=files(id)`)).body).toEqual({ files: [{ id: file['id'] }] });
    expect((await json(`/drive/v3/files/${file['id']}?fields=trashed`, { method: 'PATCH', body: '{"trashed":false}' })).body).toEqual({ trashed: false });
    expect((await json(`/drive/v3/files/${file['id']}`, { method: 'DELETE' })).status).toBe(204);
    const missing = await json(`/drive/v3/files/${file['id']}`);
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ error: { message: `File not found: ${file['id']}.`, errors: [{ reason: 'notFound', location: 'fileId' }] } });
    const huge = await fetch(`${drive.url}/upload/drive/v3/files?uploadType=resumable`, { method: 'POST', headers: { ...AUTH, 'x-upload-content-length': String(5 * 1024 * 1024) }, body: '' });
    expect(huge.status).toBe(403);
    expect(await huge.json()).toMatchObject({ error: { errors: [{ reason: 'storageQuotaExceeded' }] } });
  });
});
