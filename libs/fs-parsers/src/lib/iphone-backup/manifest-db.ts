import { CorruptBackupError } from './errors.js';
import { MAX_MBFILE_BYTES } from './mbfile.js';
import { type Sqlite, columnsOf, openSqliteCopy, sqliteCall } from './sqlite.js';

/**
 * Manifest.db, the backup's catalogue (iOS 10 and later): `Files(fileID TEXT PRIMARY KEY, domain
 * TEXT, relativePath TEXT, flags INTEGER, file BLOB)` with flags 1 = file, 2 = folder, 4 = symlink,
 * and `file` the MBFile record. Opened from a temporary copy, read-only.
 */
export interface ManifestRow {
  fileId: string;
  domain: string;
  relativePath: string;
  flags: number;
  /** Absent when the column is NULL or longer than MAX_MBFILE_BYTES (a note is due). */
  file?: Buffer;
  fileBytes: number;
}

export const CAMERA_ROLL_DOMAIN = 'CameraRollDomain';
export const DCIM_PREFIX = 'Media/DCIM/';
const REQUIRED = ['FILEID', 'DOMAIN', 'RELATIVEPATH', 'FLAGS', 'FILE'];
/** Text longer than this in fileID, domain or relativePath is cut, never read whole. */
const MAX_TEXT = 4096;

const SELECT = `SELECT substr(fileID, 1, ${MAX_TEXT}) AS fileId, substr(domain, 1, ${MAX_TEXT}) AS domain,
  substr(relativePath, 1, ${MAX_TEXT}) AS relativePath, flags,
  CASE WHEN length(file) <= ${MAX_MBFILE_BYTES} THEN file END AS file, coalesce(length(file), 0) AS fileBytes FROM Files`;

export class ManifestDb {
  private constructor(private readonly db: Sqlite) {}

  static open(path: string): ManifestDb {
    const db = openSqliteCopy(path, 'Manifest.db');
    try {
      const columns = columnsOf(db, 'Files', 'Manifest.db');
      const missing = REQUIRED.filter((name) => !columns.has(name));
      if (missing.length > 0) throw new CorruptBackupError(`Manifest.db has no Files table with ${missing.join(', ')}: not an iOS 10 or later backup catalogue`);
      return new ManifestDb(db);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  /**
   * Up to `limit` rows under CameraRollDomain Media/DCIM/ that follow `after`, in (relativePath,
   * fileID) order, so one camera folder follows another. Each page is read whole: no cursor stays
   * open between pages, and the caller may query (read a file) in between.
   */
  cameraRollPage(after: Pick<ManifestRow, 'relativePath' | 'fileId'> | undefined, limit: number): ManifestRow[] {
    // A range on relativePath (binary order: every path starting "Media/DCIM/" lies in
    // ["Media/DCIM/", "Media/DCIM0")) walks FilesRelativePathIdx from the page key on, so each page
    // costs its own rows, not the whole table; "+domain" keeps SQLite from choosing the domain index.
    // Only text keys no longer than MAX_TEXT: the page key must be the whole value, or paging could stall.
    const where = `+domain = ? AND relativePath >= ? AND relativePath < ? AND typeof(relativePath) = 'text'
      AND typeof(fileID) = 'text' AND length(relativePath) <= ${MAX_TEXT} AND length(fileID) <= ${MAX_TEXT}
      AND relativePath >= ? AND NOT (relativePath = ? AND fileID <= ?)`;
    const end = `${DCIM_PREFIX.slice(0, -1)}0`;
    const key = after ?? { relativePath: DCIM_PREFIX, fileId: '' };
    const rows = sqliteCall('Manifest.db', () =>
      this.db
        .prepare(`${SELECT} WHERE ${where} ORDER BY relativePath, fileID LIMIT ${Math.max(1, Math.floor(limit))}`)
        .all(CAMERA_ROLL_DOMAIN, DCIM_PREFIX, end, key.relativePath, key.relativePath, key.fileId),
    );
    return rows.map(toRow);
  }

  find(domain: string, relativePath: string): ManifestRow | undefined {
    const row = sqliteCall('Manifest.db', () => this.db.prepare(`${SELECT} WHERE domain = ? AND relativePath = ? LIMIT 1`).get(domain, relativePath));
    return row === undefined ? undefined : toRow(row);
  }

  byFileId(fileId: string): ManifestRow | undefined {
    const row = sqliteCall('Manifest.db', () => this.db.prepare(`${SELECT} WHERE fileID = ? LIMIT 1`).get(fileId));
    return row === undefined ? undefined : toRow(row);
  }

  close(): void {
    this.db.close();
  }
}

function toRow(value: unknown): ManifestRow {
  const row = value as Record<string, unknown>;
  const text = (key: string): string => (typeof row[key] === 'string' ? (row[key] as string) : '');
  const file = row['file'];
  return {
    fileId: text('fileId'),
    domain: text('domain'),
    relativePath: text('relativePath'),
    flags: typeof row['flags'] === 'number' ? row['flags'] : -1,
    ...(Buffer.isBuffer(file) ? { file } : {}),
    fileBytes: typeof row['fileBytes'] === 'number' ? row['fileBytes'] : 0,
  };
}
