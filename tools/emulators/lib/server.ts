import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FaultPlan, type InjectedFault, type RequestInfo } from './faults.js';

/** A request as a provider's handler sees it: the whole body read (bounded), and the emulator's origin. */
export interface EmulatorRequest extends RequestInfo {
  url: URL;
  body: Buffer;
  /** http://127.0.0.1:PORT — for the URLs a provider hands out (upload session URLs and the like). */
  origin: string;
  /** Only `expire-session` reaches a handler; the core answers the other faults itself. */
  fault?: InjectedFault;
}

export interface EmulatorResponse {
  status: number;
  headers?: Record<string, string>;
  /** An object is sent as JSON; a string as text. */
  body?: Buffer | string | object;
}

export type Handler = (request: EmulatorRequest) => EmulatorResponse | Promise<EmulatorResponse>;

export interface RequestRecord {
  method: string;
  path: string;
  status: number;
  bytesIn: number;
  bytesOut: number;
  fault?: InjectedFault['kind'];
  /** A `flood-response` the client hung up on before it ended. */
  hungUp?: boolean;
}

export interface EmulatorOptions {
  /** For messages: "google-drive emulator". */
  name: string;
  handler: Handler;
  /** The provider's own body for a 429 or a 5xx (its real error shape). */
  errorBody?: (status: number, retryAfterSeconds?: number) => object;
  faults?: FaultPlan;
  port?: number;
  /** Largest request body accepted (413 above it). 160 MiB when absent. */
  maxBody?: number;
}

export interface Emulator {
  readonly url: string;
  readonly port: number;
  readonly faults: FaultPlan;
  /** Every request answered (or cut), in order. */
  readonly log: RequestRecord[];
  /** Request-body bytes received so far (uploads, resends included), from the log. */
  bytesReceived(): number;
  close(): Promise<void>;
}

/** A JSON request body ({} when empty), or undefined when it is not a JSON object. */
export function jsonBody(request: EmulatorRequest): Record<string, unknown> | undefined {
  if (request.body.length === 0) return {};
  try {
    const value: unknown = JSON.parse(request.body.toString('utf8'));
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

const MAX_BODY = 160 * 1024 * 1024;
/** A `flood-response` sends at most this much: far past any limit a reader should have. */
export const FLOOD_BYTES = 1024 * 1024 * 1024;

/** 200 with bytes until FLOOD_BYTES or until the client hangs up (counted in `record.bytesOut`). */
async function flood(res: ServerResponse, record: RequestRecord): Promise<void> {
  let wake = () => undefined as void;
  res.on('error', () => undefined);
  res.on('drain', () => wake());
  res.once('close', () => wake());
  res.writeHead(200, { 'content-type': 'image/jpeg' });
  const chunk = Buffer.alloc(64 * 1024, 0xa5);
  while (record.bytesOut < FLOOD_BYTES && !res.destroyed) {
    record.bytesOut += chunk.length;
    if (!res.write(chunk)) await new Promise<void>((resume) => (wake = resume));
  }
  if (res.destroyed) record.hungUp = true;
  else res.end();
}

async function readBody(req: IncomingMessage, limit: number, cutAfter?: number): Promise<Buffer | 'too-large' | 'cut'> {
  const parts: Buffer[] = [];
  let length = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    length += buffer.length;
    if (cutAfter !== undefined && length >= cutAfter) return 'cut';
    if (length > limit) return 'too-large';
    parts.push(buffer);
  }
  return cutAfter !== undefined ? 'cut' : Buffer.concat(parts);
}

function send(res: ServerResponse, response: EmulatorResponse, method: string): number {
  const headers: Record<string, string> = { ...response.headers };
  let body: Buffer;
  if (response.body === undefined) body = Buffer.alloc(0);
  else if (Buffer.isBuffer(response.body)) body = response.body;
  else if (typeof response.body === 'string') {
    body = Buffer.from(response.body);
    headers['content-type'] ??= 'text/plain; charset=utf-8';
  } else {
    body = Buffer.from(JSON.stringify(response.body));
    headers['content-type'] ??= 'application/json; charset=utf-8';
  }
  headers['content-length'] = String(body.length);
  res.writeHead(response.status, headers);
  res.end(method === 'HEAD' ? undefined : body);
  return body.length;
}

/** Starts an emulator on 127.0.0.1 (a free port unless one is given). */
export async function startEmulator(options: EmulatorOptions): Promise<Emulator> {
  const faults = options.faults ?? new FaultPlan();
  const log: RequestRecord[] = [];
  const limit = options.maxBody ?? MAX_BODY;
  let origin = '';
  const server = createServer(async (req, res) => {
    // Kept now: once the request is read, req.socket may already be detached from the request.
    const socket = req.socket;
    const url = new URL(req.url ?? '/', origin);
    const info: RequestInfo = { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: req.headers };
    const record: RequestRecord = { method: info.method, path: info.path, status: 0, bytesIn: 0, bytesOut: 0 };
    log.push(record);
    await faults.gate(info); // a test's hold (FaultPlan.hold) keeps the request here until released
    const fault = faults.take(info);
    record.fault = fault?.kind;
    try {
      if (fault?.kind === 'cut-request') {
        const declared = Number(req.headers['content-length'] ?? 0);
        const got = await readBody(req, limit, Math.max(1, Math.floor(declared / 2)));
        record.bytesIn = Math.floor(declared / 2);
        if (got === 'cut') {
          socket.destroy();
          return;
        }
      }
      if (fault?.kind === 'rate-limit' || fault?.kind === 'server-error') {
        const body = await readBody(req, limit);
        record.bytesIn = Buffer.isBuffer(body) ? body.length : 0;
        const status = fault.kind === 'rate-limit' ? 429 : (fault.status ?? 500);
        const retryAfter = fault.kind === 'rate-limit' ? (fault.retryAfterSeconds ?? 1) : fault.retryAfterSeconds;
        const headers: Record<string, string> = retryAfter !== undefined ? { 'retry-after': String(retryAfter) } : {};
        record.status = status;
        record.bytesOut = send(res, { status, headers, body: options.errorBody?.(status, retryAfter) ?? { error: status === 429 ? 'rate limited' : 'server error' } }, info.method);
        return;
      }
      const body = await readBody(req, limit);
      if (body === 'too-large') {
        record.status = 413;
        record.bytesOut = send(res, { status: 413, body: { error: `request body over ${limit} bytes` } }, info.method);
        return;
      }
      if (body === 'cut') return;
      record.bytesIn = body.length;
      if (fault?.kind === 'flood-response') {
        record.status = 200;
        await flood(res, record);
        return;
      }
      const response = await options.handler({ ...info, url, body, origin, fault: fault?.kind === 'expire-session' ? fault : undefined });
      if (fault?.kind === 'drop-response') {
        record.status = response.status;
        socket.destroy();
        return;
      }
      record.status = response.status;
      record.bytesOut = send(res, response, info.method);
    } catch (error) {
      record.status = 500;
      if (!res.headersSent) record.bytesOut = send(res, { status: 500, body: { error: `${options.name} emulator: ${(error as Error).message}` } }, info.method);
      else res.destroy();
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;
  return {
    url: origin,
    port,
    faults,
    log,
    bytesReceived: () => log.reduce((sum, record) => sum + record.bytesIn, 0),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
