import { AuthError, IntegrityError, InvalidPathError, NoSpaceError, NotFoundError, TransientError, UnsupportedError } from '@afterimage/cloud-adapters';
import { ServiceError, errorMessage, type BackupTargetConfig, type ServiceErrorCode } from '@afterimage/contracts';

/** "Google Drive (me@example.com)", "Folder or external drive /mnt/backup". */
export const describeTarget = (t: Pick<BackupTargetConfig, 'title' | 'root' | 'account'>) => (t.account ? `${t.title} (${t.account})` : `${t.title} ${t.root}`);

/** A failure as one sentence a person understands, naming the target. */
export function plainReason(error: unknown, target: Pick<BackupTargetConfig, 'title' | 'root' | 'account'>): string {
  const where = describeTarget(target);
  if (error instanceof AuthError) return `Sign in to ${where} again: ${errorMessage(error)}`;
  if (error instanceof NoSpaceError) return `${where} is full: ${errorMessage(error)}`;
  if (error instanceof IntegrityError) return `The copy on ${where} did not verify, so it does not count: ${errorMessage(error)}`;
  if (error instanceof TransientError) return `${where} did not answer after several tries; run the backup again later (${errorMessage(error)})`;
  if (error instanceof InvalidPathError || error instanceof NotFoundError || error instanceof UnsupportedError) return errorMessage(error);
  switch ((error as NodeJS.ErrnoException).code) {
    case 'ENOSPC':
      return `${where} is full.`;
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return `No permission to write in ${where} (${errorMessage(error)}).`;
    case 'EISDIR':
    case 'ENOTDIR':
    case 'EEXIST':
      return `Something else is in the way in ${where} (${errorMessage(error)}).`;
  }
  return errorMessage(error);
}

/** Failures after which nothing more is tried on that target in this job. */
export const stopsTarget = (error: unknown) => error instanceof AuthError || error instanceof NoSpaceError || (error as NodeJS.ErrnoException).code === 'ENOSPC';

const CODES: readonly [new (...args: never[]) => Error, ServiceErrorCode][] = [
  [AuthError, 'FORBIDDEN'],
  [NoSpaceError, 'NO_SPACE'],
  [NotFoundError, 'NOT_FOUND'],
  [UnsupportedError, 'BAD_REQUEST'],
  [InvalidPathError, 'BAD_REQUEST'],
  [IntegrityError, 'INTERNAL'],
  [TransientError, 'INTERNAL'],
];

/** A cloud-adapters error as the ServiceError the router maps once (AuthError → 'Sign in to … again'). */
export function toServiceError(error: unknown, target: Pick<BackupTargetConfig, 'title' | 'root' | 'account'>): ServiceError {
  if (error instanceof ServiceError) return error;
  const code = CODES.find(([type]) => error instanceof type)?.[1] ?? ((error as NodeJS.ErrnoException).code === 'ENOSPC' ? 'NO_SPACE' : 'INTERNAL');
  return new ServiceError(code, plainReason(error, target), { cause: error });
}
