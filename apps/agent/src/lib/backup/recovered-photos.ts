import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { RecoveryReportSchema } from '@afterimage/contracts';
import type { Db } from '../store/open-store.js';

/** A recovered file on its destination disk: the first of a photo's three copies. */
export interface RecoveredFile {
  recoveryId: string;
  /** Absolute path of the file the recovery wrote (and verified). */
  path: string;
  recoveredAt: string;
}

/** A photo the agent recovered, by the sha256 of its bytes (the same photo recovered twice is one photo). */
export interface RecoveredPhoto {
  sha256: string;
  name: string;
  size: number;
  /** When it was taken (EXIF) or last modified, for the YYYY/MM folder of its backups. */
  takenAt?: string;
  /** The recovered files still there with their size: what a backup reads. */
  files: RecoveredFile[];
}

interface RecoveryRow {
  id: string;
  destination: string;
  finished_at: string | null;
  report: string | null;
}

/**
 * The photos of the agent's finished recoveries: the entries of each report.json (kept in the
 * database with the recovery). A recovered file counts while it is still there with its size; its
 * sha256 was checked when it was written, and again whenever a backup reads it.
 */
export async function recoveredPhotos(db: Db): Promise<RecoveredPhoto[]> {
  const rows = db.prepare("SELECT id, destination, finished_at, report FROM recoveries WHERE status = 'done' ORDER BY started_at, id").all() as RecoveryRow[];
  const photos = new Map<string, RecoveredPhoto>();
  for (const row of rows) {
    const parsed = RecoveryReportSchema.safeParse(row.report ? JSON.parse(row.report) : undefined);
    if (!parsed.success) continue;
    for (const entry of parsed.data.files) {
      const photo = photos.get(entry.sha256) ?? { sha256: entry.sha256, name: entry.name, size: entry.size, files: [] };
      const takenAt = entry.metadata.takenAt ?? entry.times?.modifiedAt ?? entry.times?.createdAt;
      if (!photo.takenAt && takenAt) photo.takenAt = takenAt;
      photos.set(entry.sha256, photo);
      const path = join(row.destination, entry.path);
      const info = await stat(path).catch(() => undefined);
      if (info?.isFile() && info.size === entry.size && !photo.files.some((f) => f.path === path)) {
        photo.files.push({ recoveryId: row.id, path, recoveredAt: row.finished_at ?? parsed.data.createdAt });
      }
    }
  }
  return [...photos.values()];
}
