import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The redirect that came back to us with the expected `state`, and a way to answer the browser. */
export interface Redirect {
  params: URLSearchParams;
  reply(status: number, title: string, message: string): Promise<void>;
}

export interface LoopbackReceiver {
  /** http://127.0.0.1:PORT/ (or http://localhost:PORT/): the redirect_uri to send. */
  readonly redirectUri: string;
  /** The first redirect carrying `state`; others get a 400 page and are ignored (RFC 6749 §10.12). */
  next(signal: AbortSignal): Promise<Redirect>;
  close(): void;
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(res: ServerResponse, status: number, title: string, message: string): Promise<void> {
  const body = `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>` +
    `<body style="font-family:sans-serif;max-width:32em;margin:4em auto"><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p></body></html>`;
  return new Promise((resolve) => {
    res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', connection: 'close' });
    res.end(body, () => resolve());
  });
}

function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/**
 * A one-shot HTTP listener on the loopback interface for the authorization response (RFC 8252 §7.3).
 * With host `localhost` it also listens on ::1 (same port) when it can, since a browser may resolve
 * localhost to either address.
 */
export async function startLoopbackReceiver(host: '127.0.0.1' | 'localhost', port: number, state: string): Promise<LoopbackReceiver> {
  let deliver: ((redirect: Redirect) => void) | undefined;
  let taken = false;
  const arrived = new Promise<Redirect>((resolve) => (deliver = resolve));
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://loopback');
    if (req.method !== 'GET' || url.pathname !== '/') {
      void page(res, 404, 'Not found', 'This address only receives the sign-in answer.');
      return;
    }
    if (url.searchParams.get('state') !== state) {
      void page(res, 400, 'Sign-in not recognised', 'This answer does not belong to the sign-in in progress, so it was ignored.');
      return;
    }
    if (taken) {
      void page(res, 409, 'Already received', 'The sign-in answer was already received. You can close this tab.');
      return;
    }
    taken = true;
    deliver?.({ params: url.searchParams, reply: (status, title, message) => page(res, status, title, message) });
  };
  const v4 = createServer(handle);
  const servers = [v4];
  const bound = await listen(v4, '127.0.0.1', port);
  if (host === 'localhost') {
    const v6 = createServer(handle);
    if (await listen(v6, '::1', bound).then(() => true, () => false)) servers.push(v6);
  }
  return {
    redirectUri: `http://${host}:${bound}/`,
    next: (signal) =>
      new Promise<Redirect>((resolve, reject) => {
        if (signal.aborted) return reject(signal.reason);
        const onAbort = () => reject(signal.reason);
        signal.addEventListener('abort', onAbort, { once: true });
        void arrived.then((redirect) => {
          signal.removeEventListener('abort', onAbort);
          resolve(redirect);
        });
      }),
    close: () => {
      for (const server of servers) {
        server.close();
        server.closeAllConnections();
      }
    },
  };
}
