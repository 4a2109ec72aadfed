/** The cloud-adapters error tree; each keeps its cause. */
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
