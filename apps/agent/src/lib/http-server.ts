import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAppRouter, type AgentServices } from '@afterimage/contracts';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import { checkRequest } from './request-guard.js';

export interface AgentServerOptions {
  services: AgentServices;
  token: string;
  webOrigins: readonly string[];
  version: string;
}

function plain(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(body + '\n');
}

/**
 * The agent's HTTP face: GET /health without credentials, tRPC under /trpc with the token, nothing
 * else. Host and Origin are checked on every request (rule 3 of DESIGN.md).
 */
export function createAgentServer(options: AgentServerOptions): Server {
  const router = createAppRouter();
  const trpc = createHTTPHandler({
    router,
    basePath: '/trpc/',
    createContext: () => ({ services: options.services }),
  });
  let port = 0;
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://agent.invalid').pathname;
    const isTrpc = path.startsWith('/trpc/');
    const verdict = checkRequest(req, { port: () => port, token: options.token, webOrigins: options.webOrigins }, isTrpc);
    if (!verdict.ok) return plain(res, verdict.status, verdict.message);
    if (verdict.corsOrigin) {
      res.setHeader('access-control-allow-origin', verdict.corsOrigin);
      res.setHeader('vary', 'Origin');
      res.setHeader('access-control-allow-headers', 'authorization, content-type, trpc-accept, last-event-id');
      res.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS');
      res.setHeader('access-control-max-age', '600');
    }
    if (req.method === 'OPTIONS') {
      res.writeHead(204);
      return res.end();
    }
    if (path === '/health' && req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end(JSON.stringify({ ok: true, service: 'afterimage-agent', version: options.version }));
    }
    if (isTrpc) return trpc(req, res);
    plain(res, 404, 'Not found.');
  });
  server.on('listening', () => {
    port = (server.address() as AddressInfo).port;
  });
  return server;
}

/** Listens on 127.0.0.1 only and resolves with the port (0 picks a free one). */
export function listenOnLoopback(server: Server, port: number): Promise<number> {
  return new Promise((resolvePort, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolvePort((server.address() as AddressInfo).port);
    });
  });
}
