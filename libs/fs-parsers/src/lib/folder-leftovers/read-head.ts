import { constants } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { FsParserError } from '../errors.js';

const { O_RDONLY, O_NOFOLLOW = 0, O_NONBLOCK = 0, O_NOATIME = 0 } = constants;
/** Read-only; a symlink is refused, a FIFO does not block the open. */
const READ_ONLY = O_RDONLY | O_NOFOLLOW | O_NONBLOCK;

/**
 * Opens a file of a folder being examined for reading only: never a symlink (O_NOFOLLOW), never
 * waiting on a FIFO (O_NONBLOCK, then refused as not a regular file), and on Linux without touching
 * its access time (O_NOATIME, allowed to the file's owner and to root; others open without it).
 */
export async function openForReading(path: string): Promise<FileHandle> {
  let handle: FileHandle;
  try {
    handle = await open(path, READ_ONLY | O_NOATIME).catch((error: NodeJS.ErrnoException) => {
      if (O_NOATIME !== 0 && error.code === 'EPERM') return open(path, READ_ONLY);
      throw error;
    });
  } catch (cause) {
    throw new FsParserError(`cannot open ${path} for reading: ${(cause as Error).message}`, { cause });
  }
  if (!(await handle.stat()).isFile()) {
    await handle.close();
    throw new FsParserError(`${path} is not a regular file`);
  }
  return handle;
}

/** At most `max` bytes from the start of a file, read as openForReading opens it. */
export async function readHead(path: string, max: number): Promise<Buffer> {
  const handle = await openForReading(path);
  try {
    const buffer = Buffer.alloc(max);
    let filled = 0;
    while (filled < max) {
      const { bytesRead } = await handle.read(buffer, filled, max - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return buffer.subarray(0, filled);
  } catch (cause) {
    throw new FsParserError(`cannot read ${path}: ${(cause as Error).message}`, { cause });
  } finally {
    await handle.close();
  }
}
