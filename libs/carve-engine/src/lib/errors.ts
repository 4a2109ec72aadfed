/** The root of the carve engine's errors; `cause` keeps what went wrong underneath. */
export class CarveError extends Error {
  override readonly name: string = 'CarveError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/**
 * The caller's AbortSignal fired. Named `AbortError` like the platform's own abort errors, so code that
 * checks `error.name === 'AbortError'` treats it alike; `cause` is the signal's reason.
 */
export class CarveAbortedError extends CarveError {
  override readonly name: string = 'AbortError';
  constructor(cause?: unknown) {
    super('carving was aborted', { cause });
  }
}

/** Neither an embedded thumbnail nor a decodable image was found for a carved file. */
export class ThumbnailError extends CarveError {
  override readonly name: string = 'ThumbnailError';
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new CarveAbortedError(signal.reason);
}

export function isAbortError(error: unknown): boolean {
  return error instanceof CarveAbortedError || (error instanceof Error && error.name === 'AbortError');
}
