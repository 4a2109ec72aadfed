import type { BackupJobState } from '@afterimage/contracts';
import type { Db } from '../store/open-store.js';

/** Backup jobs as they last stood: a job still 'running' here when the agent starts is resumed. */
export class JobsRepo {
  constructor(private readonly db: Db) {}

  save(state: BackupJobState): void {
    this.db
      .prepare('INSERT INTO backup_jobs (id, status, started_at, state) VALUES (?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET status = excluded.status, state = excluded.state')
      .run(state.id, state.status, state.startedAt, JSON.stringify(state));
  }

  get(id: string): BackupJobState | undefined {
    const row = this.db.prepare('SELECT state FROM backup_jobs WHERE id = ?').get(id) as { state: string } | undefined;
    return row ? (JSON.parse(row.state) as BackupJobState) : undefined;
  }

  /** The newest `limit` jobs, newest first. */
  recent(limit: number): BackupJobState[] {
    const rows = this.db.prepare('SELECT state FROM backup_jobs ORDER BY started_at DESC, rowid DESC LIMIT ?').all(limit) as { state: string }[];
    return rows.map((r) => JSON.parse(r.state) as BackupJobState);
  }

  /** Jobs that were running when the agent stopped, oldest first. */
  running(): BackupJobState[] {
    const rows = this.db.prepare("SELECT state FROM backup_jobs WHERE status = 'running' ORDER BY started_at, id").all() as { state: string }[];
    return rows.map((r) => JSON.parse(r.state) as BackupJobState);
  }
}
