import Database from 'better-sqlite3';
import { CorruptBackupError } from './errors.js';

/**
 * The one way this reader opens SQLite: read-only, the file must exist, and only ever a copy in our
 * own temporary folder (see temp-copy.ts). SQLite's own errors ("file is not a database", "database
 * disk image is malformed") become CorruptBackupError naming the database.
 */
export type Sqlite = Database.Database;

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

export function isSqliteHeader(bytes: Buffer): boolean {
  return bytes.length >= SQLITE_HEADER.length && bytes.subarray(0, SQLITE_HEADER.length).equals(SQLITE_HEADER);
}

export function openSqliteCopy(path: string, what: string): Sqlite {
  return sqliteCall(what, () => new Database(path, { readonly: true, fileMustExist: true }));
}

/** Runs `body`, turning SQLite's errors into a CorruptBackupError about `what`. */
export function sqliteCall<T>(what: string, body: () => T): T {
  try {
    return body();
  } catch (cause) {
    if (cause instanceof CorruptBackupError) throw cause;
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('SQLITE_')) {
      throw new CorruptBackupError(`${what} cannot be read as a database: ${(cause as Error).message}`, { cause });
    }
    throw cause;
  }
}

/** The columns of `table` (upper case), or an empty set when there is no such table. */
export function columnsOf(db: Sqlite, table: string, what: string): Set<string> {
  const rows = sqliteCall(what, () => db.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as { name: string }[]);
  return new Set(rows.map((row) => String(row.name).toUpperCase()));
}
