import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startDropboxEmulator, type DropboxEmulator } from './dropbox-emulator.js';
import { contentHashOf } from './dropbox-store.js';

let dropbox: DropboxEmulator;
const auth = { authorization: 'Bearer emulator-token' };

const rpc = (route: string, args: unknown, headers: Record<string, string> = auth) =>
  fetch(`${dropbox.url}/2/${route}`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(args) });
const content = (route: string, args: unknown, body = Buffer.alloc(0), extra: Record<string, string> = {}) =>
  fetch(`${dropbox.url}/2/${route}`, { method: 'POST', headers: { ...auth, ...extra, 'content-type': 'application/octet-stream', 'dropbox-api-arg': JSON.stringify(args) }, body });

beforeEach(async () => {
  dropbox = await startDropboxEmulator({ pageSize: 2 });
});
afterEach(() => dropbox.close());

describe('dropbox emulator routes', () => {
  it('dropbox: answers a bad token with 401 invalid_access_token and a missing path with 409 path/not_found', async () => {
    const refused = await rpc('files/get_metadata', { path: '/x' }, { authorization: 'Bearer nope' });
    expect(refused.status).toBe(401);
    expect(await refused.json()).toEqual({ error_summary: 'invalid_access_token/..', error: { '.tag': 'invalid_access_token' } });
    const missing = await rpc('files/get_metadata', { path: '/x' });
    expect(missing.status).toBe(409);
    expect(await missing.json()).toEqual({ error_summary: 'path/not_found/..', error: { '.tag': 'path', path: { '.tag': 'not_found' } } });
    expect((await rpc('files/get_metadata', { path: 'x' })).status).toBe(400);
  });

  it('dropbox: uploads, finds the file case-insensitively with its content_hash, and downloads a range', async () => {
    const bytes = Buffer.from('hello dropbox');
    const up = await content('files/upload', { path: '/Photos/IMG 1.jpg', mode: 'add', autorename: false }, bytes);
    expect(up.status).toBe(200);
    const meta = (await (await rpc('files/get_metadata', { path: '/photos/img 1.JPG' })).json()) as Record<string, unknown>;
    expect(meta).toMatchObject({ '.tag': 'file', path_display: '/Photos/IMG 1.jpg', path_lower: '/photos/img 1.jpg', size: bytes.length, content_hash: contentHashOf(bytes) });
    const conflict = await content('files/upload', { path: '/photos/img 1.jpg', mode: 'add' }, Buffer.from('other'));
    expect(((await conflict.json()) as { error_summary: string }).error_summary).toBe('path/conflict/file/..');
    const part = await content('files/download', { path: '/Photos/IMG 1.jpg' }, undefined, { range: 'bytes=6-' });
    expect(part.status).toBe(206);
    expect(Buffer.from(await part.arrayBuffer()).toString()).toBe('dropbox');
    expect(JSON.parse(part.headers.get('dropbox-api-result')!)).toMatchObject({ rev: meta['rev'] });
  });

  it('dropbox: an upload session answers a wrong offset with incorrect_offset and the committed offset', async () => {
    const { session_id } = (await (await content('files/upload_session/start', {}, Buffer.from('abc'))).json()) as { session_id: string };
    const wrong = await content('files/upload_session/append_v2', { cursor: { session_id, offset: 0 } }, Buffer.from('def'));
    expect(wrong.status).toBe(409);
    expect(await wrong.json()).toEqual({ error_summary: 'incorrect_offset/..', error: { '.tag': 'incorrect_offset', correct_offset: 3 } });
    expect((await content('files/upload_session/append_v2', { cursor: { session_id, offset: 3 } }, Buffer.from('def'))).status).toBe(200);
    const finish = await content('files/upload_session/finish', { cursor: { session_id, offset: 6 }, commit: { path: '/a.bin', mode: 'overwrite' } });
    expect(await finish.json()).toMatchObject({ size: 6, content_hash: contentHashOf(Buffer.from('abcdef')) });
    const again = await content('files/upload_session/finish', { cursor: { session_id, offset: 6 }, commit: { path: '/a.bin', mode: 'overwrite' } });
    expect(((await again.json()) as { error_summary: string }).error_summary).toBe('lookup_failed/not_found/..');
  });

  it('dropbox: the expire-session fault forgets the session; a 429 carries retry_after and Retry-After', async () => {
    const { session_id } = (await (await content('files/upload_session/start', {})).json()) as { session_id: string };
    dropbox.faults.add({ kind: 'expire-session', path: '/2/files/upload_session/append_v2' });
    const expired = await content('files/upload_session/append_v2', { cursor: { session_id, offset: 0 } }, Buffer.from('x'));
    expect(await expired.json()).toEqual({ error_summary: 'not_found/..', error: { '.tag': 'not_found' } });
    dropbox.faults.add({ kind: 'rate-limit', retryAfterSeconds: 3 });
    const limited = await rpc('files/list_folder', { path: '' });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('3');
    expect(await limited.json()).toEqual({ error_summary: 'too_many_requests/..', error: { reason: { '.tag': 'too_many_requests' }, retry_after: 3 } });
  });

  it('dropbox: a deleted file is listed with include_deleted, has its revisions, and restores', async () => {
    for (const text of ['one', 'two', 'three']) await content('files/upload', { path: '/b/c.txt', mode: 'overwrite' }, Buffer.from(text));
    await rpc('files/delete_v2', { path: '/b/c.txt' });
    const listed = (await (await rpc('files/list_folder', { path: '', recursive: true, include_deleted: true })).json()) as { entries: object[]; has_more: boolean; cursor: string };
    expect(listed.has_more).toBe(false);
    expect(listed.entries).toEqual([expect.objectContaining({ '.tag': 'folder', path_lower: '/b' }), { '.tag': 'deleted', name: 'c.txt', path_lower: '/b/c.txt', path_display: '/b/c.txt' }]);
    const revisions = (await (await rpc('files/list_revisions', { path: '/b/c.txt', mode: 'path', limit: 2 })).json()) as { is_deleted: boolean; server_deleted: string; entries: { rev: string; size: number }[] };
    expect(revisions).toMatchObject({ is_deleted: true, server_deleted: expect.stringMatching(/Z$/) });
    expect(revisions.entries.map((e) => e.size)).toEqual([5, 3]);
    const restored = await rpc('files/restore', { path: '/b/c.txt', rev: revisions.entries[0]!.rev });
    expect(await restored.json()).toMatchObject({ content_hash: contentHashOf(Buffer.from('three')) });
    expect((await rpc('files/restore', { path: '/b/c.txt', rev: '0123456789' })).status).toBe(409);
  });

  it('dropbox: list_folder pages with a cursor', async () => {
    for (const name of ['a', 'b', 'c']) await content('files/upload', { path: `/${name}`, mode: 'add' }, Buffer.from(name));
    const first = (await (await rpc('files/list_folder', { path: '' })).json()) as { entries: { name: string }[]; cursor: string; has_more: boolean };
    expect(first.has_more).toBe(true);
    const rest = (await (await rpc('files/list_folder/continue', { cursor: first.cursor })).json()) as { entries: { name: string }[]; has_more: boolean };
    expect([...first.entries, ...rest.entries].map((e) => e.name)).toEqual(['a', 'b', 'c']);
    expect(rest.has_more).toBe(false);
  });
});
