import type { UploadSessionStore } from '@afterimage/cloud-adapters';
import type { Db } from '../store/open-store.js';

/**
 * Resumable upload sessions in the agent's database, one namespace per target, so an upload that
 * was interrupted (a dropped connection, the agent restarted) goes on from what the provider had
 * committed instead of starting over. Values are the adapter's own JSON.
 */
export class UploadSessions {
  constructor(private readonly db: Db) {}

  /** The store a target's adapter is handed in PutOptions.sessions. */
  forTarget(targetId: string): UploadSessionStore {
    return {
      get: async (key) => {
        const row = this.db.prepare('SELECT value FROM upload_sessions WHERE target = ? AND key = ?').get(targetId, key) as { value: string } | undefined;
        return row ? (JSON.parse(row.value) as unknown) : undefined;
      },
      set: async (key, value) => {
        this.db
          .prepare('INSERT INTO upload_sessions (target, key, value, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT(target, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at')
          .run(targetId, key, JSON.stringify(value ?? null), new Date().toISOString());
      },
      delete: async (key) => {
        this.db.prepare('DELETE FROM upload_sessions WHERE target = ? AND key = ?').run(targetId, key);
      },
    };
  }

  /** How many sessions a target has open (for tests and status). */
  count(targetId: string): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM upload_sessions WHERE target = ?').get(targetId) as { n: number }).n;
  }

  forgetTarget(targetId: string): void {
    this.db.prepare('DELETE FROM upload_sessions WHERE target = ?').run(targetId);
  }
}
