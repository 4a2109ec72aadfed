import { join } from 'node:path';
import type { RecoveryJob, RecoveryProgress, RecoveryReport } from '@afterimage/contracts';
import type { Db } from './open-store.js';

interface Row {
  id: string;
  scan_id: string;
  destination: string;
  status: RecoveryJob['status'];
  started_at: string;
  finished_at: string | null;
  report: string | null;
}

/**
 * The report column holds the report.json written (or `{ error }`), and beside its keys the job's
 * last `progress` (a report alone does not say how many files a cancelled job had to go).
 */
type Stored = Partial<RecoveryReport> & { error?: string; progress?: RecoveryProgress };

/** A recovery as stored, with its report when it wrote one. */
export interface StoredRecovery {
  job: RecoveryJob;
  report?: RecoveryReport;
}

function toStored(row: Row): StoredRecovery {
  const { error, progress, ...rest } = row.report ? (JSON.parse(row.report) as Stored) : ({} as Stored);
  const report = rest.files ? (rest as RecoveryReport) : undefined;
  const recovered = report?.files.length ?? progress?.recovered;
  const failed = report?.failed.length ?? progress?.failed;
  const job: RecoveryJob = {
    id: row.id,
    scanId: row.scan_id,
    destination: row.destination,
    status: row.status,
    startedAt: row.started_at,
    ...(row.finished_at ? { finishedAt: row.finished_at } : {}),
    ...(recovered !== undefined ? { recovered, failed: failed ?? 0 } : {}),
    ...(error ? { error } : {}),
    ...(progress ? { progress } : {}),
    ...(report ? { reportPath: join(row.destination, 'report.json'), csvPath: join(row.destination, 'report.csv') } : {}),
  };
  return { job, ...(report ? { report } : {}) };
}

/** A recovery that ended 'done', with its report column as stored (parsed JSON; undefined when it is not JSON). */
export interface DoneRecovery {
  id: string;
  destination: string;
  finishedAt?: string;
  report: unknown;
}

function parseJson(text: string | null): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The recoveries the agent ran: how each ended, its report and its last progress. */
export class RecoveriesRepo {
  constructor(private readonly db: Db) {}

  start(job: RecoveryJob): void {
    this.db.prepare("INSERT INTO recoveries (id, scan_id, destination, status, started_at) VALUES (?, ?, ?, 'running', ?)").run(job.id, job.scanId, job.destination, job.startedAt);
  }

  /** How it ended: its report (done, cancelled) or its error (failed), and its last progress. */
  finish(job: RecoveryJob, report?: RecoveryReport): void {
    const stored: Stored = { ...(report ?? {}), ...(job.error ? { error: job.error } : {}), ...(job.progress ? { progress: job.progress } : {}) };
    this.db.prepare('UPDATE recoveries SET status = ?, finished_at = ?, report = ? WHERE id = ?').run(job.status, job.finishedAt ?? new Date().toISOString(), JSON.stringify(stored), job.id);
  }

  get(id: string): StoredRecovery | undefined {
    const row = this.db.prepare('SELECT * FROM recoveries WHERE id = ?').get(id) as Row | undefined;
    return row ? toStored(row) : undefined;
  }

  /** Oldest first. */
  all(): RecoveryJob[] {
    return (this.db.prepare('SELECT * FROM recoveries ORDER BY started_at, id').all() as Row[]).map((row) => toStored(row).job);
  }

  /**
   * The recoveries that ended 'done' and are not in the recovered-photos index yet (recovered_indexed),
   * oldest first; their reports are the index's to check, entry by entry (recovered-index.ts).
   */
  doneNotIndexed(): DoneRecovery[] {
    const rows = this.db.prepare("SELECT * FROM recoveries WHERE status = 'done' AND id NOT IN (SELECT recovery_id FROM recovered_indexed) ORDER BY started_at, id").all() as Row[];
    return rows.map((row) => ({ id: row.id, destination: row.destination, ...(row.finished_at !== null ? { finishedAt: row.finished_at } : {}), report: parseJson(row.report) }));
  }

  /** Recoveries left running by an agent that stopped (killed): they failed, and say so. */
  failInterrupted(): number {
    const error = JSON.stringify({ error: 'The agent stopped during this recovery; the files it verified before are in the destination, without a report.' });
    return this.db.prepare("UPDATE recoveries SET status = 'failed', finished_at = ?, report = ? WHERE status = 'running'").run(new Date().toISOString(), error).changes;
  }
}
