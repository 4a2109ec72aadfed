import type { ByteSource } from '@afterimage/fs-parsers';
import { mediaErrorCode } from '../imaging/media-errors.js';

/** Tells the main thread of a failed read; resolves once it has counted it and read its area again. */
export type TellFailedRead = (offset: number, length: number, error: unknown, code: string) => Promise<void>;

/**
 * The scanning thread's image as its scan reads it: every read and error passes through unchanged,
 * but a read that fails with a media error (EIO…) is first told to the main thread, whose ReadHealth
 * counts it and reads its area again sector by sector, exactly as it does for a read made there
 * (ReadHealth.watch); only then does the error go on to the scan. `file` is kept: the engine's own
 * worker threads open the image themselves and report what they cannot read through onUnreadable.
 */
export function tellFailedReads(source: ByteSource, tell: TellFailedRead): ByteSource {
  const guarded = async <T>(offset: number, length: number, read: () => Promise<T>): Promise<T> => {
    try {
      return await read();
    } catch (error) {
      const code = mediaErrorCode(error);
      if (code) await tell(offset, length, error, code);
      throw error;
    }
  };
  const readInto = source.readInto?.bind(source);
  return {
    label: source.label,
    size: source.size,
    ...(source.file ? { file: source.file } : {}),
    read: (offset, length) => guarded(offset, length, () => source.read(offset, length)),
    ...(readInto ? { readInto: (target: Buffer, offset: number) => guarded(offset, target.length, () => readInto(target, offset)) } : {}),
    close: () => source.close(),
  };
}
