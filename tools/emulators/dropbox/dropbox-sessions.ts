import { randomBytes } from 'node:crypto';

/** An upload session: the bytes appended so far, in order. */
export interface UploadSession {
  id: string;
  parts: Buffer[];
  offset: number;
  closed: boolean;
}

/**
 * Upload sessions (files/upload_session/*). Each append must name the session and the offset of its
 * first byte; a session lives until it is finished or forgotten (Dropbox keeps them for 7 days; the
 * `expire-session` fault forgets one at once).
 */
export class UploadSessions {
  private readonly sessions = new Map<string, UploadSession>();
  /** Sessions started since the emulator started (tests count them to prove a resume reused one). */
  started = 0;

  start(bytes: Buffer, close: boolean): UploadSession {
    const session: UploadSession = { id: `pid_upload_session:${randomBytes(12).toString('base64url')}`, parts: [], offset: 0, closed: false };
    this.sessions.set(session.id, session);
    this.started++;
    this.append(session, bytes, close);
    return session;
  }

  get(id: unknown): UploadSession | undefined {
    return typeof id === 'string' ? this.sessions.get(id) : undefined;
  }

  append(session: UploadSession, bytes: Buffer, close: boolean): void {
    if (bytes.length > 0) session.parts.push(Buffer.from(bytes));
    session.offset += bytes.length;
    session.closed ||= close;
  }

  contents(session: UploadSession): Buffer {
    return Buffer.concat(session.parts);
  }

  /** Forgets a session (finished, or expired by a fault): later calls naming it get not_found. */
  forget(id: unknown): void {
    if (typeof id === 'string') this.sessions.delete(id);
  }

  get size(): number {
    return this.sessions.size;
  }
}
