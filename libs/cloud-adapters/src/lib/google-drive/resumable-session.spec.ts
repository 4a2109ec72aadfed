import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { staticToken } from '../auth/access-token.js';
import { BackupError } from '../errors.js';
import { DriveApi } from './drive-api.js';
import { quote, splitPath } from './drive-paths.js';
import { ResumableSession } from './resumable-session.js';
import { storedObject } from './stored-object.js';

/** A one-answer HTTP server on 127.0.0.1 standing in for a Drive upload server that misbehaves. */
async function answering(status: number, headers: Record<string, string>, body = ''): Promise<{ server: Server; url: string; seen: string[] }> {
  const seen: string[] = [];
  const server = createServer((req, res) => {
    seen.push(`${req.method} ${req.headers['content-range']} ${req.headers['authorization']}`);
    req.resume().on('end', () => res.writeHead(status, headers).end(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, seen };
}

describe('google-drive resumable session answers', () => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  it('refuses a Range that claims more bytes than were sent', async () => {
    const fake = await answering(308, { range: 'bytes=0-999999' });
    server = fake.server;
    const session = new ResumableSession(new DriveApi(staticToken('t'), fake.url), `${fake.url}upload/drive/v3/files?upload_id=x`, 2000);
    await expect(session.send(Buffer.alloc(100), 0)).rejects.toThrow(BackupError);
    await expect(session.status()).rejects.toThrow(/impossible upload position/);
    expect(fake.seen).toEqual(['PUT bytes 0-99/2000 Bearer t', 'PUT bytes */2000 Bearer t']);
  });

  it('reads 308 without Range as nothing committed, 404 as an expired session, 503 as transient with Retry-After', async () => {
    for (const [status, headers, expected] of [
      [308, {}, { kind: 'partial', committed: 0 }],
      [404, {}, { kind: 'expired' }],
    ] as const) {
      const fake = await answering(status, headers);
      server = fake.server;
      const session = new ResumableSession(new DriveApi(staticToken('t'), fake.url), `${fake.url}u?upload_id=x`, 10);
      expect(await session.status()).toEqual(expected);
      await new Promise<void>((resolve) => fake.server.close(() => resolve()));
    }
    const fake = await answering(503, { 'retry-after': '7', 'content-type': 'application/json' }, '{"error":{"code":503,"errors":[{"reason":"backendError"}]}}');
    server = fake.server;
    const session = new ResumableSession(new DriveApi(staticToken('t'), fake.url), `${fake.url}u?upload_id=x`, 10);
    await expect(session.status()).rejects.toMatchObject({ name: 'TransientError', retryAfterMs: 7000 });
  });

  it('never sends the token to a session address on another host', () => {
    expect(() => new ResumableSession(new DriveApi(staticToken('t'), 'http://127.0.0.1:1/'), 'https://elsewhere.example/upload?upload_id=x', 10)).toThrow(/another host/);
  });
});

describe('google-drive values from the wire', () => {
  it('takes only well-formed sizes and checksums', () => {
    expect(() => storedObject({ id: 'a', size: '1e9' }, 'p')).toThrow(BackupError);
    expect(() => storedObject({ id: 'a', size: '99999999999999999' }, 'p')).toThrow(BackupError);
    expect(storedObject({ id: 'a', size: '3', md5Checksum: 'zz', sha256Checksum: 'A'.repeat(64) }, 'p').hashes).toEqual({ sha256: 'a'.repeat(64) });
  });

  it('quotes query strings and refuses paths that are not plain relative paths', () => {
    expect(quote("it's a \\ test")).toBe("'it\\'s a \\\\ test'");
    for (const bad of ['', '/abs.jpg', 'a//b.jpg', '../x.jpg', 'a/./b.jpg']) expect(() => splitPath(bad)).toThrow(/plain relative path/);
    expect(splitPath('a/b/c.jpg')).toEqual({ folders: ['a', 'b'], name: 'c.jpg' });
  });
});
