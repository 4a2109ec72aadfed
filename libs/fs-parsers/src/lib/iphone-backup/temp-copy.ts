import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ByteSource } from '../source/byte-source.js';
import { CorruptBackupError } from './errors.js';

/**
 * SQLite may create `-shm` / `-wal` files beside a database even when it opens it read-only, so the
 * backup's databases are never opened where they lie: their (decrypted) bytes are copied into a
 * private temporary folder (mode 0700, removed on close) and opened there.
 */

/** Manifest.db of a phone with a large library is a few hundred MB; Photos.sqlite likewise. */
export const MAX_DATABASE_BYTES = 4 * 1024 ** 3;
const CHUNK = 4 * 1024 * 1024;

export interface TempFolder {
  readonly path: string;
  /** Copies `source` to `<temp>/<name>` in chunks, checking `signal` between them; returns the path. */
  copy(source: ByteSource, name: string, signal?: AbortSignal): Promise<string>;
  remove(): Promise<void>;
}

export async function makeTempFolder(parent = tmpdir()): Promise<TempFolder> {
  const path = await mkdtemp(join(parent, 'afterimage-iphone-'));
  return {
    path,
    async copy(source, name, signal) {
      if (source.size > MAX_DATABASE_BYTES) {
        throw new CorruptBackupError(`${source.label} is ${source.size} bytes, more than the ${MAX_DATABASE_BYTES} a backup database is allowed here`);
      }
      const target = join(path, name);
      const handle = await open(target, 'wx', 0o600);
      try {
        for (let at = 0; at < source.size; at += CHUNK) {
          signal?.throwIfAborted();
          const bytes = await source.read(at, Math.min(CHUNK, source.size - at));
          await handle.write(bytes, 0, bytes.length, at);
        }
      } finally {
        await handle.close();
      }
      return target;
    },
    remove: () => rm(path, { recursive: true, force: true }),
  };
}
