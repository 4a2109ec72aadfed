/**
 * The fs-parsers error tree. Every error keeps its `cause`; `code` is a closed set the agent maps to
 * tRPC codes and the CLI to exit codes, once, at the edge.
 */
export type FsParserErrorCode =
  | 'IO'
  | 'INVALID_READ'
  | 'TRUNCATED'
  | 'CORRUPT'
  | 'UNSUPPORTED'
  | 'AMBIGUOUS'
  /** An encrypted phone backup was opened without its backup password. */
  | 'NEEDS_PASSWORD'
  /** The backup password given does not open the backup's keys. */
  | 'WRONG_PASSWORD';

export class FsParserError extends Error {
  override readonly name: string = 'FsParserError';
  readonly code: FsParserErrorCode;

  constructor(message: string, options?: { cause?: unknown; code?: FsParserErrorCode }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = options?.code ?? 'IO';
  }
}

/** A read asked for bytes with a negative, fractional or out-of-bounds offset or length. */
export class InvalidReadError extends FsParserError {
  override readonly name = 'InvalidReadError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, { ...options, code: 'INVALID_READ' });
  }
}

/** The source ends before a structure it should hold. */
export class TruncatedError extends FsParserError {
  override readonly name = 'TruncatedError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, { ...options, code: 'TRUNCATED' });
  }
}

/** A structure holds values that cannot be right (zero bytes per sector, a cluster past the end...). */
export class CorruptError extends FsParserError {
  override readonly name = 'CorruptError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, { ...options, code: 'CORRUPT' });
  }
}

/** A valid structure this library does not handle (yet). */
export class UnsupportedError extends FsParserError {
  override readonly name = 'UnsupportedError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, { ...options, code: 'UNSUPPORTED' });
  }
}

/** Two or more filesystem probes claim the same volume: we say so instead of guessing. */
export class AmbiguousFilesystemError extends FsParserError {
  override readonly name = 'AmbiguousFilesystemError';
  readonly candidates: readonly string[];

  constructor(candidates: readonly string[], sourceLabel?: string) {
    const where = sourceLabel ? ` on ${sourceLabel}` : '';
    super(`ambiguous filesystem${where}: ${candidates.join(' and ')} both match`, { code: 'AMBIGUOUS' });
    this.candidates = [...candidates];
  }
}

export function isFsParserError(value: unknown): value is FsParserError {
  return value instanceof FsParserError;
}
