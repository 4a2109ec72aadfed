/**
 * The closed set of failures a service reports across the process boundary. The router maps each to
 * a tRPC code once; the CLI maps each to an exit code once.
 */
export const SERVICE_ERROR_CODES = [
  'NOT_FOUND',
  'BAD_REQUEST',
  'CONFLICT',
  'FORBIDDEN',
  'UNREADABLE',
  'NO_SPACE',
  'INTERNAL',
  /** An encrypted phone backup and no password for it (none given, or the agent restarted since): give it. */
  'NEEDS_PASSWORD',
  /** The password given does not open the encrypted phone backup. */
  'WRONG_PASSWORD',
] as const;
export type ServiceErrorCode = (typeof SERVICE_ERROR_CODES)[number];

export class ServiceError extends Error {
  override readonly name = 'ServiceError';
  constructor(
    readonly code: ServiceErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function isServiceErrorCode(value: unknown): value is ServiceErrorCode {
  return typeof value === 'string' && (SERVICE_ERROR_CODES as readonly string[]).includes(value);
}

/** The words of whatever was thrown: an Error's message, anything else as a string. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
