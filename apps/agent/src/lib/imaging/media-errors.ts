/**
 * Error codes a failing medium gives for a read it cannot serve: a bad or unreadable sector, a
 * read that timed out in the drive. Anything else (the device unplugged, a closed handle, a bug)
 * is not a bad sector and must not be recorded as one: imaging stops instead, with the map saved.
 * (No imports here: the scanning thread checks its failed reads with it without loading the contracts.)
 */
export const MEDIA_ERROR_CODES: ReadonlySet<string> = new Set(['EIO', 'ENODATA', 'EILSEQ', 'EBADMSG', 'ETIMEDOUT', 'EREMOTEIO', 'ENOMSG']);

/** The media error code (EIO…) `error` or an error in its `cause` chain carries (FsParserError wraps the system's), if any. */
export function mediaErrorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 8 && current instanceof Error; depth++) {
    const code = (current as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && MEDIA_ERROR_CODES.has(code)) return code;
    current = current.cause;
  }
  return undefined;
}

/**
 * True when `error` (or an error in its `cause` chain, as FsParserError wraps the system's) carries
 * one of MEDIA_ERROR_CODES. The scan uses it too, to count read errors that call for imaging first.
 */
export function isMediaReadError(error: unknown): boolean {
  return mediaErrorCode(error) !== undefined;
}
