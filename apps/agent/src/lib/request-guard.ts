import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export interface GuardOptions {
  /** The agent's own port, known once it listens. */
  port: () => number;
  token: string;
  /** Origins of dashboards allowed to call the agent from a browser, e.g. http://127.0.0.1:7171. */
  webOrigins: readonly string[];
}

export type GuardVerdict = { ok: true; corsOrigin?: string } | { ok: false; status: 401 | 403; message: string };

const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '[::1]'];

/** The agent answers only to its own loopback host names: a DNS-rebinding page has a foreign Host. */
export function hostAllowed(host: string | undefined, port: number): boolean {
  if (!host) return false;
  return LOOPBACK_HOSTS.some((name) => host === `${name}:${port}`);
}

export function originAllowed(origin: string, port: number, webOrigins: readonly string[]): boolean {
  if (webOrigins.includes(origin)) return true;
  return LOOPBACK_HOSTS.some((name) => origin === `http://${name}:${port}`);
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The token from `Authorization: Bearer …`, or from tRPC's SSE connectionParams (EventSource sends no headers). */
export function presentedToken(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length).trim();
  const url = new URL(req.url ?? '/', 'http://agent.invalid');
  const params = url.searchParams.get('connectionParams');
  if (!params) return undefined;
  try {
    const parsed: unknown = JSON.parse(params);
    const token = (parsed as { token?: unknown } | null)?.token;
    return typeof token === 'string' ? token : undefined;
  } catch {
    return undefined;
  }
}

export function checkRequest(req: IncomingMessage, options: GuardOptions, needsToken: boolean): GuardVerdict {
  const port = options.port();
  if (!hostAllowed(req.headers.host, port)) {
    return { ok: false, status: 403, message: 'Forbidden: this agent only answers to its loopback address.' };
  }
  const origin = req.headers.origin;
  if (origin !== undefined && !originAllowed(origin, port, options.webOrigins)) {
    return { ok: false, status: 403, message: `Forbidden: requests from ${origin} are not allowed.` };
  }
  if (needsToken && req.method !== 'OPTIONS') {
    const token = presentedToken(req);
    if (!token || !sameSecret(token, options.token)) {
      return { ok: false, status: 401, message: 'Unauthorized: a valid agent token is required.' };
    }
  }
  return { ok: true, corsOrigin: origin };
}
