import { errorMessage } from '@afterimage/contracts';

export { isMediaReadError, MEDIA_ERROR_CODES } from './media-errors.js';

/** The message of the innermost error of a cause chain: what the system said. */
export function rootMessage(error: unknown): string {
  let current: unknown = error;
  for (let depth = 0; depth < 8 && current instanceof Error && current.cause instanceof Error; depth++) current = current.cause;
  return errorMessage(current);
}
