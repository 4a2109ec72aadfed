/**
 * The imaging error tree. Every error keeps its `cause`; `code` is a closed set the agent maps to
 * tRPC codes and the CLI to exit codes, once, at the edge.
 *
 * - MAP_DAMAGED: the map file cannot be read as a ddrescue map (bad syntax, gaps, overlaps, sizes).
 * - MAP_MISMATCH: the map and the image (or the device) do not belong together.
 * - SOURCE_GONE: the device stopped answering as a device (unplugged, closed): not a bad sector.
 * - IO: the image or the map could not be written.
 * - BAD_OPTIONS: an option is out of range.
 * - ABORTED: the caller stopped it (the map was saved first).
 */
export type ImagingErrorCode = 'MAP_DAMAGED' | 'MAP_MISMATCH' | 'SOURCE_GONE' | 'IO' | 'BAD_OPTIONS' | 'ABORTED';

export class ImagingError extends Error {
  override readonly name: string = 'ImagingError';
  readonly code: ImagingErrorCode;

  constructor(code: ImagingErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
  }
}

/** A map file that is not a valid ddrescue map; `line` is 1-based where one is to blame. */
export class MapFileError extends ImagingError {
  override readonly name = 'MapFileError';
  constructor(
    message: string,
    readonly line?: number,
    options?: { cause?: unknown },
  ) {
    super('MAP_DAMAGED', line === undefined ? message : `line ${line}: ${message}`, options);
  }
}

/**
 * The caller's AbortSignal fired. Named `AbortError` like the platform's own abort errors; the map
 * was saved before this was thrown, so the same call resumes where it stopped.
 */
export class ImagingAbortedError extends ImagingError {
  override readonly name: string = 'AbortError';
  constructor(cause?: unknown) {
    super('ABORTED', 'imaging was stopped; the map file holds where it got to, and the same command resumes it', { cause });
  }
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new ImagingAbortedError(signal.reason);
}
