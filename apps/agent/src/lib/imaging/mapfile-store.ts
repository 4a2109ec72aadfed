import { open, rename, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ImagingError, MapFileError } from './errors.js';
import { type MapFileState, parseMapfile } from './mapfile.js';

/** A map file larger than this is refused unread (a real one with two million blocks is ~64 MiB). */
export const MAX_MAPFILE_BYTES = 64 * 1024 * 1024;

/**
 * Reads and validates the map file at `path` for a device of `deviceSize` bytes; undefined when
 * there is no file yet (a new rescue).
 * @throws MapFileError for a damaged map, ImagingError('IO') when it cannot be read
 */
export async function readMapfile(path: string, deviceSize?: number): Promise<MapFileState | undefined> {
  const stats = await stat(path).catch((cause: NodeJS.ErrnoException) => {
    if (cause.code === 'ENOENT') return undefined;
    throw new ImagingError('IO', `cannot read the map file ${path}: ${cause.message}`, { cause });
  });
  if (!stats) return undefined;
  if (!stats.isFile()) throw new MapFileError(`${path} is not a map file (not a regular file)`);
  if (stats.size > MAX_MAPFILE_BYTES) throw new MapFileError(`${path} holds ${stats.size} bytes, more than any real map (${MAX_MAPFILE_BYTES})`);
  const handle = await open(path, 'r');
  let text: string;
  try {
    const bytes = Buffer.alloc(stats.size);
    const { bytesRead } = await handle.read(bytes, 0, bytes.length, 0);
    text = bytes.subarray(0, bytesRead).toString('latin1');
  } finally {
    await handle.close();
  }
  try {
    return parseMapfile(text, deviceSize);
  } catch (error) {
    if (error instanceof MapFileError) throw new MapFileError(`the map file ${path} is damaged: ${error.message}`, undefined, { cause: error });
    throw error;
  }
}

/**
 * Replaces the map file atomically: the text goes to a temporary file beside it, is flushed to the
 * disk, and is renamed over the old map (then the folder is flushed), so a kill or a power cut leaves
 * either the old map or the new one, never half of one.
 */
export async function writeMapfileAtomic(path: string, text: string): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    const handle = await open(temporary, 'w', 0o644);
    try {
      await handle.writeFile(text, 'latin1');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
    await syncFolder(dirname(path));
  } catch (cause) {
    await rm(temporary, { force: true }).catch(() => undefined);
    throw new ImagingError('IO', `cannot save the map file ${path}: ${(cause as Error).message}`, { cause });
  }
}

async function syncFolder(folder: string): Promise<void> {
  const handle = await open(folder, 'r').catch(() => undefined);
  if (!handle) return;
  try {
    await handle.sync().catch(() => undefined);
  } finally {
    await handle.close();
  }
}
