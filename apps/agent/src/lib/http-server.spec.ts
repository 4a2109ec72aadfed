import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAgent, type RunningAgent } from './start-agent.js';

let agent: RunningAgent;
let home: string;
const dashboard = 'http://127.0.0.1:65001';

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'agent-http-'));
  agent = await startAgent({ home, port: 0, webOrigins: [dashboard], demoCard: false });
});
afterAll(async () => {
  await agent.close();
  await rm(home, { recursive: true, force: true });
});

const listSources = (headers: Record<string, string>) => fetch(`${agent.url}/trpc/sources.list`, { headers });

describe('agent HTTP server', () => {
  it('keeps its token in a file only its user can read', async () => {
    const info = await stat(join(home, 'agent.token'));
    expect(info.mode & 0o777).toBe(0o600);
    expect(agent.token.length).toBeGreaterThanOrEqual(32);
  });

  it('answers /health without credentials', async () => {
    const response = await fetch(`${agent.url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true, service: 'afterimage-agent' });
  });

  it('refuses tRPC calls without the token or with a wrong one (401)', async () => {
    expect((await listSources({})).status).toBe(401);
    expect((await listSources({ authorization: 'Bearer not-the-token-at-all-not-the-token' })).status).toBe(401);
  });

  it('answers tRPC calls with the token', async () => {
    const response = await listSources({ authorization: `Bearer ${agent.token}` });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { result: { data: unknown } };
    expect(body.result.data).toEqual([]);
  });

  it('accepts the token from SSE connection params, which EventSource needs', async () => {
    const params = encodeURIComponent(JSON.stringify({ token: agent.token }));
    const response = await fetch(`${agent.url}/trpc/sources.list?connectionParams=${params}`);
    expect(response.status).toBe(200);
  });

  it('refuses a foreign Host header, as a DNS-rebinding page would send (403)', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${agent.url}/trpc/sources.list`, { headers: { host: 'evil.example:80', authorization: `Bearer ${agent.token}` } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(403);
  });

  it('refuses a cross-site Origin and allows the dashboard with CORS headers', async () => {
    const foreign = await listSources({ origin: 'https://evil.example', authorization: `Bearer ${agent.token}` });
    expect(foreign.status).toBe(403);
    const preflight = await fetch(`${agent.url}/trpc/sources.list`, { method: 'OPTIONS', headers: { origin: dashboard } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(dashboard);
    expect(preflight.headers.get('access-control-allow-headers')).toContain('authorization');
  });

  it('says plainly what is wrong with a missing source', async () => {
    const response = await fetch(`${agent.url}/trpc/sources.addImage`, {
      method: 'POST',
      headers: { authorization: `Bearer ${agent.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ path: join(home, 'no-such-card.img') }),
    });
    expect(response.status).toBe(404);
    const body = (await response.json()) as { error: { message: string; data: { serviceCode: string } } };
    expect(body.error.message).toContain('No such file or device');
    expect(body.error.data.serviceCode).toBe('NOT_FOUND');
  });
});
