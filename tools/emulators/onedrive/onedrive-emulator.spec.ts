import { createHash } from 'node:crypto';
import { createHasher } from '@afterimage/cloud-adapters';
import { afterEach, describe, expect, it } from 'vitest';
import { type OneDriveEmulator, startOneDriveEmulator } from './onedrive-emulator.js';
import { FRAGMENT_UNIT } from './upload-session-routes.js';

const auth = { authorization: 'Bearer emulator-token' };
let drive: OneDriveEmulator | undefined;
afterEach(async () => drive?.close());

async function graph(method: string, path: string, init: { body?: Buffer | string; headers?: Record<string, string> } = {}) {
  const response = await fetch(path.startsWith('http') ? path : `${drive!.url}/v1.0${path}`, { method, redirect: 'manual', ...init, headers: { ...auth, ...init.headers } });
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: text && response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : undefined, text };
}

describe('onedrive emulator routes', () => {
  it('answers without a valid token with 401 InvalidAuthenticationToken, and gives the drive with its type and quota', async () => {
    drive = await startOneDriveEmulator({ driveType: 'business', quotaBytes: 5_000_000 });
    const refused = await fetch(`${drive.url}/v1.0/me/drive`, { headers: { authorization: 'Bearer wrong' } });
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('InvalidAuthenticationToken');
    const { json } = await graph('GET', '/me/drive');
    expect(json).toMatchObject({ driveType: 'business', quota: { total: 5_000_000, used: 0, remaining: 5_000_000, state: 'normal' } });
  });

  it('stores a simple upload by path and describes it with quickXorHash, sha1Hash (personal) and its parent path', async () => {
    drive = await startOneDriveEmulator({ driveType: 'personal' });
    const bytes = Buffer.from('The contents of the file goes here.');
    const put = await graph('PUT', '/me/drive/root:/Folder%20A/FileB.txt:/content', { body: bytes });
    expect(put.status).toBe(201);
    const quickXor = createHasher('quickxor');
    quickXor.update(bytes);
    const { json } = await graph('GET', '/me/drive/root:/Folder%20A/FileB.txt');
    expect(json).toMatchObject({ name: 'FileB.txt', size: bytes.length, parentReference: { path: '/drive/root:/Folder%20A' } });
    expect(json.file.hashes).toEqual({ quickXorHash: quickXor.digest(), sha1Hash: createHash('sha1').update(bytes).digest('hex').toUpperCase() });
    expect((await graph('PUT', '/me/drive/root:/Folder%20A/FileB.txt:/content', { body: bytes })).status).toBe(200);
    const content = await graph('GET', '/me/drive/root:/Folder%20A/FileB.txt:/content');
    expect(content.status).toBe(302);
    expect(await (await fetch(content.headers.get('location')!)).text()).toBe(bytes.toString());
    const missing = await graph('GET', '/me/drive/root:/Folder%20A/nothing.txt');
    expect(missing.status).toBe(404);
    expect(missing.json.error).toMatchObject({ code: 'itemNotFound' });
  });

  it('pages children with @odata.nextLink', async () => {
    drive = await startOneDriveEmulator({ pageSize: 2 });
    for (const name of ['a', 'b', 'c', 'd', 'e']) await graph('PUT', `/me/drive/root:/p/${name}.jpg:/content`, { body: Buffer.from(name) });
    const names: string[] = [];
    let link: string | undefined = '/me/drive/root:/p:/children';
    while (link) {
      const page: { json: { value: { name: string }[]; '@odata.nextLink'?: string } } = await graph('GET', link);
      names.push(...page.json.value.map((item) => item.name));
      link = page.json['@odata.nextLink'];
    }
    expect(names).toEqual(['a.jpg', 'b.jpg', 'c.jpg', 'd.jpg', 'e.jpg']);
  });

  it('takes an upload session in 320 KiB fragments, refusing odd sizes, gaps, a bearer token and a forgotten session', async () => {
    drive = await startOneDriveEmulator();
    const size = FRAGMENT_UNIT * 2 + 1000;
    const bytes = Buffer.alloc(size, 7);
    const created = await graph('POST', '/me/drive/root:/v/clip.mp4:/createUploadSession', { body: JSON.stringify({ item: { '@microsoft.graph.conflictBehavior': 'replace' } }), headers: { 'content-type': 'application/json' } });
    const url: string = created.json.uploadUrl;
    const put = (start: number, end: number, headers: Record<string, string> = {}) =>
      fetch(url, { method: 'PUT', headers: { 'content-range': `bytes ${start}-${end - 1}/${size}`, ...headers }, body: bytes.subarray(start, end) });
    expect((await put(0, 1000)).status).toBe(400);
    expect((await put(0, FRAGMENT_UNIT, auth)).status).toBe(401);
    const first = await put(0, FRAGMENT_UNIT);
    expect(first.status).toBe(202);
    expect(await first.json()).toMatchObject({ nextExpectedRanges: [`${FRAGMENT_UNIT}-`] });
    expect((await put(0, FRAGMENT_UNIT)).status).toBe(416);
    expect(((await (await fetch(url)).json()) as { nextExpectedRanges: string[] }).nextExpectedRanges).toEqual([`${FRAGMENT_UNIT}-`]);
    expect((await put(FRAGMENT_UNIT, FRAGMENT_UNIT * 2)).status).toBe(202);
    const last = await put(FRAGMENT_UNIT * 2, size);
    expect(last.status).toBe(201);
    expect(await last.json()).toMatchObject({ name: 'clip.mp4', size });
    expect((await fetch(url)).status).toBe(404);
    const again = await graph('POST', '/me/drive/root:/v/again.mp4:/createUploadSession');
    drive.emulator.faults.add({ kind: 'expire-session', method: 'PUT', path: /^\/upload\// });
    const expired = await fetch(again.json.uploadUrl, { method: 'PUT', headers: { 'content-range': `bytes 0-9/10` }, body: Buffer.alloc(10) });
    expect(expired.status).toBe(404);
    expect(((await expired.json()) as { error: { code: string } }).error.code).toBe('itemNotFound');
    const cancelled = await graph('POST', '/me/drive/root:/v/cancel.mp4:/createUploadSession');
    expect((await fetch(cancelled.json.uploadUrl, { method: 'DELETE' })).status).toBe(204);
    expect((await fetch(cancelled.json.uploadUrl)).status).toBe(404);
  });

  it('throttles with 429 activityLimitReached or 503 serviceNotAvailable and Retry-After, and refuses what does not fit with 507 quotaLimitReached', async () => {
    drive = await startOneDriveEmulator({ quotaBytes: 100 });
    drive.emulator.faults.add({ kind: 'rate-limit', retryAfterSeconds: 1 });
    const throttled = await graph('GET', '/me/drive');
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('1');
    expect(throttled.json.error.code).toBe('activityLimitReached');
    drive.emulator.faults.add({ kind: 'server-error', status: 503, retryAfterSeconds: 2 });
    const unavailable = await graph('GET', '/me/drive');
    expect([unavailable.status, unavailable.headers.get('retry-after'), unavailable.json.error.code]).toEqual([503, '2', 'serviceNotAvailable']);
    const full = await graph('PUT', '/me/drive/root:/big.jpg:/content', { body: Buffer.alloc(101) });
    expect(full.status).toBe(507);
    expect(full.json.error.code).toBe('quotaLimitReached');
  });

  it('moves a deleted item to the recycle bin: delta shows it deleted, personal drives restore it, business drives do not', async () => {
    for (const driveType of ['personal', 'business'] as const) {
      drive = await startOneDriveEmulator({ driveType });
      const { json: item } = await graph('PUT', '/me/drive/root:/photos/IMG_1.jpg:/content', { body: Buffer.from('jpeg') });
      expect((await graph('DELETE', `/me/drive/items/${item.id}`)).status).toBe(204);
      expect((await graph('GET', '/me/drive/root:/photos/IMG_1.jpg')).status).toBe(404);
      const { json: changes } = await graph('GET', '/me/drive/root/delta');
      const deleted = changes.value.find((entry: { id: string }) => entry.id === item.id);
      expect(deleted.deleted).toBeDefined();
      expect(changes['@odata.deltaLink']).toMatch(/token=/);
      const byId = await graph('GET', `/me/drive/items/${encodeURIComponent(item.id)}?includeDeletedItems=true`);
      const restored = await graph('POST', `/me/drive/items/${encodeURIComponent(item.id)}/restore`, { body: '{}' });
      if (driveType === 'personal') {
        expect(deleted).toMatchObject({ name: 'IMG_1.jpg' });
        expect(deleted.size).toBeUndefined();
        expect(byId.json).toMatchObject({ size: 4, deleted: { state: 'deleted' } });
        expect(restored.status).toBe(200);
        expect((await graph('GET', '/me/drive/root:/photos/IMG_1.jpg')).json.id).toBe(item.id);
      } else {
        expect(deleted.name).toBeUndefined();
        expect(byId.status).toBe(404);
        expect(restored.status).toBe(501);
      }
      await drive.close();
      drive = undefined;
    }
  });
});
