/** The cloud-adapters error tree; each keeps its cause. The agent maps them to tRPC codes at its edge. */
export class BackupError extends Error {
  override readonly name: string = 'BackupError';
}

/** The stored copy does not hash (or size) to what was handed over; it was not kept. */
export class IntegrityError extends BackupError {
  override readonly name = 'IntegrityError';
}

/** A path that would leave the target's root, or is not a plain relative path. */
export class InvalidPathError extends BackupError {
  override readonly name = 'InvalidPathError';
}

/** The account needs signing in again (no token, or the refresh token was refused). */
export class AuthError extends BackupError {
  override readonly name = 'AuthError';
}

/** The destination is full (disk full, cloud quota reached). */
export class NoSpaceError extends BackupError {
  override readonly name = 'NoSpaceError';
}

/** The object (or trashed item) is not there. */
export class NotFoundError extends BackupError {
  override readonly name = 'NotFoundError';
}

/** The provider sent (or announced) more bytes than the caller's limit; reading stopped there. */
export class TooLargeError extends BackupError {
  override readonly name = 'TooLargeError';
}

/** The target cannot do this at all (e.g. Google Photos' trash); the message says what to do instead. */
export class UnsupportedError extends BackupError {
  override readonly name = 'UnsupportedError';
}

/**
 * A failure worth trying again: 429, 5xx, a dropped connection, an expired upload session.
 * `retryAfterMs` carries the provider's Retry-After when it gave one.
 */
export class TransientError extends BackupError {
  override readonly name = 'TransientError';
  constructor(
    message: string,
    readonly retryAfterMs?: number,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
