import type { EmulatorRequest, EmulatorResponse } from '../lib/server.js';
import type { TokenBook } from '../lib/tokens.js';
import type { UploadSessions } from './sessions.js';
import type { DriveStore } from './store.js';

/** What every Drive route gets: the account's items, its open upload sessions, and test hooks. */
export interface DriveContext {
  store: DriveStore;
  sessions: UploadSessions;
  tokens: TokenBook;
  /** Test hook: changes the bytes Drive keeps for an upload (to prove a client checks the stored hashes). */
  tamper?: (content: Buffer) => Buffer;
  /** Largest file an upload may create (bounds the emulator's memory). */
  maxFileBytes: number;
}

export type Route = (request: EmulatorRequest, context: DriveContext, fileId?: string) => EmulatorResponse | Promise<EmulatorResponse>;

export function header(request: EmulatorRequest, name: string): string | undefined {
  const value = request.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}
