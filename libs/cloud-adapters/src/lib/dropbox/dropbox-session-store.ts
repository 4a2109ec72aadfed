import type { UploadSessionStore } from '../backup-target.js';

/** An upload session as kept between attempts: its id and the bytes Dropbox acknowledged. */
export interface SavedSession {
  sessionId: string;
  offset: number;
}

/**
 * Reads and writes the session of one upload in the caller's store. What comes back from the store is
 * checked like anything else from outside: an id of sane length and an offset within the file.
 */
export class SessionSlot {
  constructor(
    private readonly store: UploadSessionStore | undefined,
    private readonly key: string,
    private readonly size: number,
  ) {}

  async load(): Promise<SavedSession | undefined> {
    const value = (await this.store?.get(this.key)) as Partial<SavedSession> | undefined;
    if (!value || typeof value.sessionId !== 'string' || value.sessionId.length === 0 || value.sessionId.length > 300) return undefined;
    const offset = value.offset;
    if (typeof offset !== 'number' || !Number.isSafeInteger(offset) || offset < 0 || offset > this.size) return undefined;
    return { sessionId: value.sessionId, offset };
  }

  async save(session: SavedSession): Promise<void> {
    await this.store?.set(this.key, { sessionId: session.sessionId, offset: session.offset });
  }

  async clear(): Promise<void> {
    await this.store?.delete(this.key);
  }
}
