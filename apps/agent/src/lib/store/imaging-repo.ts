import type { ImagingState } from '@afterimage/contracts';
import type { Db } from './open-store.js';

/** What an imaging job was asked to do, as it is run again after a restart. */
export interface ImagingSettings {
  sectorSize?: 512 | 4096 | undefined;
  retries?: number | undefined;
}

/** An imaging job as stored: its state (with the last progress) and its settings. */
export interface StoredImaging {
  state: ImagingState;
  settings: ImagingSettings;
}

interface ImagingRow {
  state: string;
  request: string;
}

const toStored = (row: ImagingRow): StoredImaging => ({ state: JSON.parse(row.state) as ImagingState, settings: JSON.parse(row.request) as ImagingSettings });

/**
 * Imaging jobs in the session database (migration 6): they are listed after a restart, and one that
 * was running goes on from its map file. The map file stays the truth of what was read; the row
 * only says which job wrote which image and map, how, and how far it had got.
 */
export class ImagingRepo {
  constructor(private readonly db: Db) {}

  create(state: ImagingState, settings: ImagingSettings): void {
    this.db
      .prepare(`INSERT INTO imaging_jobs (id, source_id, request, image_path, map_path, status, started_at, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(state.id, state.sourceId, JSON.stringify(settings), state.imagePath, state.mapPath, state.status, state.startedAt, JSON.stringify(state));
  }

  update(state: ImagingState): void {
    this.db.prepare(`UPDATE imaging_jobs SET status = ?, state = ? WHERE id = ?`).run(state.status, JSON.stringify(state), state.id);
  }

  get(id: string): StoredImaging | undefined {
    const row = this.db.prepare(`SELECT state, request FROM imaging_jobs WHERE id = ?`).get(id) as ImagingRow | undefined;
    return row ? toStored(row) : undefined;
  }

  /** All jobs, oldest first (the order they were started in). */
  all(): StoredImaging[] {
    return (this.db.prepare(`SELECT state, request FROM imaging_jobs ORDER BY started_at, id`).all() as ImagingRow[]).map(toStored);
  }

  /** The jobs that were running when the agent stopped. */
  interrupted(): StoredImaging[] {
    return (this.db.prepare(`SELECT state, request FROM imaging_jobs WHERE status = 'running' ORDER BY started_at, id`).all() as ImagingRow[]).map(toStored);
  }
}
