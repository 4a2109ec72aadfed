import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { TransientError } from '../errors.js';
import { providerAuth } from './providers.js';
import { requestTokens } from './token-endpoint.js';

let server: Server | undefined;
afterEach(() => new Promise<void>((done) => (server ? server.close(() => done()) : done())));

/** A token endpoint that answers 200 with a body that never ends (no Content-Length), counting what it sent. */
async function endlessEndpoint(): Promise<{ url: string; sent: () => number; hungUp: Promise<void> }> {
  let sent = 0;
  let hangUp!: () => void;
  const hungUp = new Promise<void>((done) => (hangUp = done));
  server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const pump = () => {
      while (!response.destroyed && sent < 1 << 30 && response.write(chunk)) sent += chunk.length;
      if (!response.destroyed && sent < 1 << 30) response.once('drain', pump);
    };
    response.once('close', hangUp);
    pump();
  });
  await new Promise<void>((done) => server!.listen(0, '127.0.0.1', done));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return { url: `http://127.0.0.1:${address.port}/token`, sent: () => sent, hungUp };
}

describe('the token endpoint answer', () => {
  it('is not read past 64 KiB: a body that never ends is a plain error, and the connection is dropped', async () => {
    const endpoint = await endlessEndpoint();
    const provider = providerAuth.dropbox;
    await expect(requestTokens({ provider, endpoint: endpoint.url, form: { grant_type: 'refresh_token', refresh_token: 'r' } })).rejects.toBeInstanceOf(TransientError);
    await endpoint.hungUp;
    expect(endpoint.sent()).toBeLessThan(64 << 20);
  });
});
