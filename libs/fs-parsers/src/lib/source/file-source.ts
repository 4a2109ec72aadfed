import { type FileHandle, open, readFile, realpath } from 'node:fs/promises';
import { basename } from 'node:path';
import { FsParserError, TruncatedError, UnsupportedError } from '../errors.js';
import { type ByteSource, checkRead } from './byte-source.js';

/**
 * Opens an image file or a block device read-only (flag 'r', nothing that can write). A block
 * device's size comes from /sys/class/block/<dev>/size × 512, since fstat reports 0 for it.
 */
export async function openFileSource(path: string): Promise<ByteSource> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (cause) {
    throw new FsParserError(`cannot open ${path} for reading: ${(cause as Error).message}`, { cause });
  }
  try {
    const size = await sourceSize(path, handle);
    return fileHandleSource(handle, path, size);
  } catch (error) {
    await handle.close();
    throw error;
  }
}

async function sourceSize(path: string, handle: FileHandle): Promise<number> {
  const stat = await handle.stat();
  if (stat.isFile()) return stat.size;
  if (stat.isBlockDevice()) return blockDeviceSize(path);
  throw new UnsupportedError(`${path} is neither a regular file nor a block device`);
}

async function blockDeviceSize(path: string): Promise<number> {
  const device = basename(await realpath(path));
  const sysfs = `/sys/class/block/${device}/size`;
  try {
    const sectors = Number((await readFile(sysfs, 'utf8')).trim());
    if (!Number.isSafeInteger(sectors) || sectors < 0) throw new Error(`unexpected content in ${sysfs}`);
    return sectors * 512;
  } catch (cause) {
    throw new FsParserError(`cannot read the size of block device ${path} from ${sysfs}`, { cause });
  }
}

function fileHandleSource(handle: FileHandle, label: string, size: number): ByteSource {
  let closed = false;
  const fill = async (buffer: Buffer, offset: number, wanted: number): Promise<void> => {
    if (closed) throw new FsParserError(`${label}: read after close`);
    for (let filled = 0; filled < wanted; ) {
      let bytesRead: number;
      try {
        // The position must be a Number: a BigInt is silently ignored by FileHandle.read.
        ({ bytesRead } = await handle.read(buffer, filled, wanted - filled, offset + filled));
      } catch (cause) {
        throw new FsParserError(`${label}: read of ${wanted} bytes at ${offset} failed: ${(cause as Error).message}`, {
          cause,
        });
      }
      if (bytesRead === 0) {
        throw new TruncatedError(`${label}: ended at ${offset + filled}, before its recorded size ${size}`);
      }
      filled += bytesRead;
    }
  };
  return {
    label,
    size,
    file: { path: label, offset: 0 },
    async read(offset: number, length: number): Promise<Buffer> {
      const wanted = checkRead(label, size, offset, length);
      // Not zero-filled first: every byte is read into it, or the read throws.
      const buffer = Buffer.allocUnsafe(wanted);
      await fill(buffer, offset, wanted);
      return buffer;
    },
    async readInto(target: Buffer, offset: number): Promise<number> {
      const wanted = checkRead(label, size, offset, target.length);
      await fill(target, offset, wanted);
      return wanted;
    },
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      await handle.close();
    },
  };
}
