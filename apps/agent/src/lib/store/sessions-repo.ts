import type { ScanProgress, ScanRequest, ScanState, ScanStatus, Source } from '@afterimage/contracts';
import type { Statement } from 'better-sqlite3';
import type { Db } from './open-store.js';

interface ScanRow {
  id: string;
  source_id: string;
  request: string;
  status: ScanStatus;
  started_at: string;
  finished_at: string | null;
  progress: string;
  finding_count: number;
  error: string | null;
  checkpoint: string | null;
}

/** A scan as stored: its state, the request that started it and the last checkpoint to resume from. */
export interface StoredScan {
  state: ScanState;
  request: ScanRequest;
  checkpoint?: unknown;
}

function toStored(row: ScanRow): StoredScan {
  return {
    state: {
      id: row.id,
      sourceId: row.source_id,
      status: row.status,
      startedAt: row.started_at,
      ...(row.finished_at ? { finishedAt: row.finished_at } : {}),
      progress: JSON.parse(row.progress) as ScanProgress,
      findingCount: row.finding_count,
      ...(row.error ? { error: row.error } : {}),
    },
    request: JSON.parse(row.request) as ScanRequest,
    ...(row.checkpoint ? { checkpoint: JSON.parse(row.checkpoint) as unknown } : {}),
  };
}

/** Sources and scans: what the agent knew before it was restarted. */
export class SessionsRepo {
  /** Statements prepared once, on first use, and kept: a scan writes its state at every checkpoint. */
  private readonly cached = {
    statements: new Map<string, Statement>(),
    prepare: (sql: string): Statement => {
      let statement = this.cached.statements.get(sql);
      if (!statement) this.cached.statements.set(sql, (statement = this.db.prepare(sql)));
      return statement;
    },
  };

  constructor(private readonly db: Db) {}

  saveSource(source: Source): void {
    this.cached
      .prepare(
        `INSERT INTO sources (id, kind, label, path, size_bytes, description, pieces, added_at, folder_kind, encrypted) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET label = excluded.label, path = excluded.path, size_bytes = excluded.size_bytes, description = excluded.description, pieces = excluded.pieces,
           folder_kind = excluded.folder_kind, encrypted = excluded.encrypted`,
      )
      .run(
        source.id,
        source.kind,
        source.label,
        source.path,
        source.sizeBytes,
        source.description ?? null,
        source.pieces ? JSON.stringify(source.pieces) : null,
        new Date().toISOString(),
        source.folderKind ?? null,
        source.encrypted === undefined ? null : Number(source.encrypted),
      );
  }

  sources(): Source[] {
    const rows = this.cached.prepare('SELECT * FROM sources ORDER BY added_at, id').all() as Record<string, unknown>[];
    return rows.map((r) => ({
      id: r['id'] as string,
      kind: r['kind'] as Source['kind'],
      label: r['label'] as string,
      path: r['path'] as string,
      sizeBytes: r['size_bytes'] as number,
      ...(r['description'] ? { description: r['description'] as string } : {}),
      ...(r['pieces'] ? { pieces: JSON.parse(r['pieces'] as string) as string[] } : {}),
      ...(r['folder_kind'] ? { folderKind: r['folder_kind'] as NonNullable<Source['folderKind']> } : {}),
      ...(r['encrypted'] !== null && r['encrypted'] !== undefined ? { encrypted: r['encrypted'] === 1 } : {}),
    }));
  }

  createScan(state: ScanState, request: ScanRequest): void {
    this.cached
      .prepare('INSERT INTO scans (id, source_id, request, status, started_at, progress, finding_count) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(state.id, state.sourceId, JSON.stringify(request), state.status, state.startedAt, JSON.stringify(state.progress), state.findingCount);
  }

  /** The scan's latest state, and the checkpoint to resume from when one is given (in one write). */
  updateScan(state: ScanState, checkpoint?: unknown): void {
    this.cached
      .prepare(
        `UPDATE scans SET status = ?, finished_at = ?, progress = ?, finding_count = ?, error = ?, checkpoint = COALESCE(?, checkpoint) WHERE id = ?`,
      )
      .run(state.status, state.finishedAt ?? null, JSON.stringify(state.progress), state.findingCount, state.error ?? null, checkpoint === undefined ? null : JSON.stringify(checkpoint), state.id);
  }

  scan(id: string): StoredScan | undefined {
    const row = this.cached.prepare('SELECT * FROM scans WHERE id = ?').get(id) as ScanRow | undefined;
    return row ? toStored(row) : undefined;
  }

  scans(): StoredScan[] {
    return (this.cached.prepare('SELECT * FROM scans ORDER BY started_at, id').all() as ScanRow[]).map(toStored);
  }

  /** Scans that were running when the agent stopped: they resume from their checkpoints. */
  interrupted(): StoredScan[] {
    return (this.cached.prepare("SELECT * FROM scans WHERE status = 'running' ORDER BY started_at").all() as ScanRow[]).map(toStored);
  }
}
