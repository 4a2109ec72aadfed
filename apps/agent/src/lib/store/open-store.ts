import Database from 'better-sqlite3';
import { MIGRATIONS } from './migrations.js';

export type Db = Database.Database;

/** The database file is newer than this agent: refuse rather than guess at a schema we do not know. */
export class StoreVersionError extends Error {
  constructor(
    readonly found: number,
    readonly known: number,
  ) {
    super(`The session database is at schema version ${found}, newer than this agent's ${known}: update Afterimage.`);
    this.name = 'StoreVersionError';
  }
}

/**
 * Opens (creating when needed) the agent's SQLite database and brings its schema up to date. WAL
 * mode keeps readers (the dashboard paging results) off the writer's back; `synchronous = NORMAL`
 * loses at most the last transactions on a power cut, never the database.
 */
export function openStore(path: string): Db {
  const db = new Database(path);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

function migrate(db: Db): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > MIGRATIONS.length) throw new StoreVersionError(version, MIGRATIONS.length);
  for (let next = version; next < MIGRATIONS.length; next++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[next] as string);
      db.pragma(`user_version = ${next + 1}`);
    })();
  }
}
