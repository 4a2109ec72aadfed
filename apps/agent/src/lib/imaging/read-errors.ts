import { errorMessage } from '@afterimage/contracts';

/**
 * Error codes a failing medium gives for a read it cannot serve: a bad or unreadable sector, a
 * read that timed out in the drive. Anything else (the device unplugged, a closed handle, a bug)
 * is not a bad sector and must not be recorded as one: imaging stops instead, with the map saved.
 */
export const MEDIA_ERROR_CODES: ReadonlySet<string> = new Set(['EIO', 'ENODATA', 'EILSEQ', 'EBADMSG', 'ETIMEDOUT', 'EREMOTEIO', 'ENOMSG']);

/**
 * True when `error` (or an error in its `cause` chain, as FsParserError wraps the system's) carries
 * one of MEDIA_ERROR_CODES. The scan uses it too, to count read errors that call for imaging first.
 */
export function isMediaReadError(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 8 && current instanceof Error; depth++) {
    const code = (current as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && MEDIA_ERROR_CODES.has(code)) return true;
    current = current.cause;
  }
  return false;
}

/** The message of the innermost error of a cause chain: what the system said. */
export function rootMessage(error: unknown): string {
  let current: unknown = error;
  for (let depth = 0; depth < 8 && current instanceof Error && current.cause instanceof Error; depth++) current = current.cause;
  return errorMessage(current);
}
