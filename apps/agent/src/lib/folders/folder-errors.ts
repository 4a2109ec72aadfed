import { ServiceError, errorMessage } from '@afterimage/contracts';
import { isFsParserError } from '@afterimage/fs-parsers';

const errnoOf = (error: unknown): string | undefined => {
  for (let at = error, depth = 0; at instanceof Error && depth < 4; at = at.cause, depth++) {
    const code = (at as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) return code;
  }
  return undefined;
};

export const needsPassword = (folder: string) =>
  new ServiceError(
    'NEEDS_PASSWORD',
    `The iPhone backup in ${folder} is encrypted: it needs the backup password set in Finder or iTunes (the agent keeps it in memory only, so it asks again after a restart).`,
  );

/**
 * A folder reader's failure as the service error a person reads (mapped once, here, at the agent's
 * edge): fs-parsers' NEEDS_PASSWORD and WRONG_PASSWORD keep their own codes, a folder that is not
 * what it should be is a bad request, damage is UNREADABLE, a folder that is gone NOT_FOUND.
 */
export function folderError(error: unknown, folder: string): ServiceError {
  if (error instanceof ServiceError) return error;
  const message = errorMessage(error);
  if (isFsParserError(error)) {
    switch (error.code) {
      case 'NEEDS_PASSWORD':
        return new ServiceError('NEEDS_PASSWORD', needsPassword(folder).message, { cause: error });
      case 'WRONG_PASSWORD':
        return new ServiceError('WRONG_PASSWORD', `That password does not open the encrypted iPhone backup in ${folder}: check it and try again.`, { cause: error });
      case 'UNSUPPORTED':
        return new ServiceError('BAD_REQUEST', `${folder}: ${message}`, { cause: error });
      default:
        break;
    }
  }
  const errno = errnoOf(error);
  if (errno === 'ENOENT') return new ServiceError('NOT_FOUND', `${folder} is gone (or a file in it is): ${message}`, { cause: error });
  return new ServiceError('UNREADABLE', `Cannot read ${folder}: ${message}`, { cause: error });
}
