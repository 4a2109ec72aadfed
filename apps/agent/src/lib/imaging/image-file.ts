import { type FileHandle, open } from 'node:fs/promises';
import { ImagingError } from './errors.js';

/** The image being written: bytes go to the same offsets they had on the device. */
export interface ImageFile {
  readonly path: string;
  write(pos: number, data: Buffer): Promise<void>;
  /** Flushes written bytes to the disk; the map may call them finished only after this. */
  sync(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Creates a new image (refusing to replace an existing file) or opens one to resume. The image is
 * a regular file of the device's size from the start; what was never read stays a hole (zeros).
 * A resumed image larger than the device belongs to another device and is refused; a shorter one
 * (ddrescue leaves its output short when the end was not reached) is extended.
 */
export async function openImage(path: string, size: number, mode: 'create' | 'resume'): Promise<ImageFile> {
  let handle: FileHandle;
  try {
    handle = await open(path, mode === 'create' ? 'wx' : 'r+', 0o644);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') {
      throw new ImagingError('MAP_MISMATCH', `${path} already exists but there is no map file for it: move it away or give its map file`, { cause });
    }
    if (code === 'ENOENT' && mode === 'resume') {
      throw new ImagingError('MAP_MISMATCH', `the map file says part of the device was copied, but the image ${path} is missing`, { cause });
    }
    throw new ImagingError('IO', `cannot open the image ${path} for writing: ${(cause as Error).message}`, { cause });
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) throw new ImagingError('BAD_OPTIONS', `the image ${path} must be a regular file`);
    if (stats.size > size) {
      throw new ImagingError('MAP_MISMATCH', `the image ${path} holds ${stats.size} bytes, more than the device's ${size}: it is not an image of this device`);
    }
    if (stats.size < size) await handle.truncate(size);
  } catch (error) {
    await handle.close();
    if (error instanceof ImagingError) throw error;
    throw new ImagingError('IO', `cannot size the image ${path}: ${(error as Error).message}`, { cause: error });
  }
  return imageOn(handle, path);
}

function imageOn(handle: FileHandle, path: string): ImageFile {
  const failed = (what: string, cause: unknown) =>
    new ImagingError('IO', `cannot ${what} the image ${path}: ${(cause as Error).message}`, { cause });
  return {
    path,
    async write(pos: number, data: Buffer): Promise<void> {
      try {
        for (let done = 0; done < data.length; ) {
          const { bytesWritten } = await handle.write(data, done, data.length - done, pos + done);
          done += bytesWritten;
        }
      } catch (cause) {
        throw failed('write to', cause);
      }
    },
    async sync(): Promise<void> {
      await handle.sync().catch((cause: unknown) => {
        throw failed('flush', cause);
      });
    },
    async close(): Promise<void> {
      await handle.close();
    },
  };
}
