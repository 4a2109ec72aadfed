import { randomBytes } from 'node:crypto';
import type { NewItem } from './store.js';

/**
 * Resumable upload sessions (developers.google.com/drive/api/guides/manage-uploads#resumable): opened by
 * POST /upload/drive/v3/files?uploadType=resumable, addressed by the `upload_id` of the session URI the
 * Location header gives. Drive keeps the bytes it has committed; once the last byte is in, the session
 * remembers the file it created, so a status query after a lost response still answers 200 with it.
 */
export interface UploadSession {
  id: string;
  meta: NewItem;
  /** `fields` of the initiating request: applies to the final response. */
  fields: string | null;
  /** X-Upload-Content-Length when given, else the total from the first Content-Range that names one. */
  total?: number;
  chunks: Buffer[];
  committed: number;
  /** Set once the upload completed. */
  fileId?: string;
}

export class UploadSessions {
  private readonly open = new Map<string, UploadSession>();

  create(meta: NewItem, fields: string | null, total?: number): UploadSession {
    const session: UploadSession = { id: `ABd${randomBytes(24).toString('base64url')}`, meta, fields, total, chunks: [], committed: 0 };
    this.open.set(session.id, session);
    return session;
  }

  get(id: string | null): UploadSession | undefined {
    return id ? this.open.get(id) : undefined;
  }

  /** Forgets a session (expiry, or an injected `expire-session` fault). */
  expire(id: string | null): void {
    if (id) this.open.delete(id);
  }

  /** For tests: sessions that have not finished. */
  pending(): number {
    return [...this.open.values()].filter((s) => s.fileId === undefined).length;
  }
}
