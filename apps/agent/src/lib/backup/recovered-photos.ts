import { stat } from 'node:fs/promises';
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
  /** The recovered files still there with their size (when last checked): what a backup reads. */
  files: RecoveredFile[];
}

export interface PhotoRow {
  sha256: string;
  name: string;
  size: number;
  taken_at: string | null;
}

interface FileRow {
  recovery_id: string;
  path: string;
  sha256: string;
  size: number;
  recovered_at: string;
  present: number;
}

/** Rows of `sql` for `keys`, asked a bounded number at a time (SQLite limits the parameters of one statement). */
export function inChunks<T>(db: Db, sql: (placeholders: string) => string, keys: readonly string[], size = 500): T[] {
  const rows: T[] = [];
  for (let at = 0; at < keys.length; at += size) {
    const part = keys.slice(at, at + size);
    rows.push(...(db.prepare(sql(part.map(() => '?').join(', '))).all(...part) as T[]));
  }
  return rows;
}

/** Is the file still there with its size? Anything but a regular file of that size is not. */
async function stillThere(file: FileRow): Promise<boolean> {
  const info = await stat(file.path).catch(() => undefined);
  return !!info?.isFile() && info.size === file.size;
}

/**
 * Looks again whether each file is where its recovery put it, with its size, a few at a time, and
 * records what changed (the triggers recount the photos' copies). Answers how many changed.
 */
async function check(db: Db, files: readonly FileRow[], signal?: AbortSignal): Promise<number> {
  const changed: FileRow[] = [];
  for (let at = 0; at < files.length; at += 32) {
    signal?.throwIfAborted();
    const part = files.slice(at, at + 32);
    const seen = await Promise.all(part.map(stillThere));
    part.forEach((file, i) => (seen[i] ? 1 : 0) !== file.present && changed.push({ ...file, present: seen[i] ? 1 : 0 }));
  }
  if (changed.length === 0) return 0;
  const update = db.prepare('UPDATE recovered_files SET present = ? WHERE recovery_id = ? AND path = ?');
  db.transaction(() => changed.forEach((f) => update.run(f.present, f.recovery_id, f.path)))();
  return changed.length;
}

const FILES_OF = (p: string) => `SELECT * FROM recovered_files WHERE sha256 IN (${p}) ORDER BY recovered_at, recovery_id, path`;

/** Checks the recovered files of these photos (a page being shown); answers how many changed. */
export function checkFilesOf(db: Db, shas: readonly string[]): Promise<number> {
  return check(db, inChunks<FileRow>(db, FILES_OF, shas));
}

/** Checks every recovered file, a thousand rows at a time (a backup job does, before it plans). */
export async function checkAllFiles(db: Db, signal?: AbortSignal): Promise<number> {
  const page = db.prepare('SELECT rowid AS n, * FROM recovered_files WHERE rowid > ? ORDER BY rowid LIMIT 1000');
  let changed = 0;
  for (let after = 0; ; ) {
    const rows = page.all(after) as (FileRow & { n: number })[];
    const last = rows.at(-1);
    if (!last) return changed;
    changed += await check(db, rows, signal);
    after = last.n;
  }
}

/** The photos with these sha256s and their present recovered files, in the order asked. */
export function loadPhotos(db: Db, rows: readonly PhotoRow[]): RecoveredPhoto[] {
  const files = new Map<string, RecoveredFile[]>();
  for (const f of inChunks<FileRow>(db, FILES_OF, rows.map((r) => r.sha256))) {
    if (!f.present) continue;
    const list = files.get(f.sha256) ?? [];
    if (!list.some((x) => x.path === f.path)) list.push({ recoveryId: f.recovery_id, path: f.path, recoveredAt: f.recovered_at });
    files.set(f.sha256, list);
  }
  return rows.map((r) => ({ sha256: r.sha256, name: r.name, size: r.size, ...(r.taken_at ? { takenAt: r.taken_at } : {}), files: files.get(r.sha256) ?? [] }));
}
