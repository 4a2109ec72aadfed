import type { ByteSource } from '@afterimage/fs-parsers';
import { isMediaReadError } from './read-errors.js';

/** What a scan saw of its source's health. */
export interface ScanReadHealth {
  /** Only a device is imaged first; an image file is already the copy to scan. */
  readonly sourceKind: 'device' | 'image' | 'demo';
  /** Reads that failed as a bad medium fails (isMediaReadError). */
  readonly readErrors: number;
}

/**
 * Rule 2 of DESIGN.md: a failing device is imaged first and scanned from its image. Returns the
 * reason to tell the person when the scan should stop and image the device instead, else
 * undefined. One read error is enough: a scan reads a disk many times over, and each pass over a
 * dying disk can cost more of it, where imaging reads each good area once.
 */
export function imageThenScanPolicy(health: ScanReadHealth): string | undefined {
  if (health.sourceKind !== 'device' || health.readErrors <= 0) return undefined;
  const errors = health.readErrors === 1 ? 'a read error' : `${health.readErrors} read errors`;
  return (
    `The device gave ${errors}: it may be failing. Make an image of it first (good areas first, ` +
    'with a map file so it can be resumed), then scan the image, so the device is read as little as possible.'
  );
}

/** A source that counts its media read errors (and passes every read and error through unchanged). */
export interface WatchedSource extends ByteSource {
  readonly readErrors: number;
}

/**
 * Wraps a device's source for a scan so its read errors are counted; `onReadError` is called at
 * each, and a scan may abort there with imageThenScanPolicy's reason. The wrapper does not pass on
 * `file`, so the carve engine reads through it (not from worker threads that open the path
 * themselves), and no read error goes uncounted.
 */
export function watchReadErrors(source: ByteSource, onReadError?: (error: unknown, offset: number) => void): WatchedSource {
  let readErrors = 0;
  const counted = async <T>(offset: number, read: () => Promise<T>): Promise<T> => {
    try {
      return await read();
    } catch (error) {
      if (isMediaReadError(error)) {
        readErrors++;
        onReadError?.(error, offset);
      }
      throw error;
    }
  };
  const readInto = source.readInto?.bind(source);
  return {
    label: source.label,
    size: source.size,
    get readErrors() {
      return readErrors;
    },
    read: (offset, length) => counted(offset, () => source.read(offset, length)),
    ...(readInto ? { readInto: (target: Buffer, offset: number) => counted(offset, () => readInto(target, offset)) } : {}),
    close: () => source.close(),
  };
}
