import { ServiceError, type ServiceErrorCode } from '@afterimage/contracts';

/**
 * The devices module's error tree. `code` is a closed set; `toServiceError` maps it once for the
 * router. Every error keeps its `cause`.
 */
export type DeviceErrorCode =
  | 'COMMAND_MISSING'
  | 'COMMAND_FAILED'
  | 'COMMAND_TIMEOUT'
  | 'BAD_OUTPUT'
  | 'UNSUPPORTED'
  | 'NOT_FOUND'
  | 'UNREADABLE'
  | 'NOT_A_SOURCE'
  | 'MISSING_PIECE'
  | 'ABORTED';

export class DeviceError extends Error {
  override readonly name: string = 'DeviceError';
  constructor(
    readonly code: DeviceErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
  }
}

/** A command the discovery runs (lsblk, diskutil, powershell) is missing, failed or hung. */
export class CommandError extends DeviceError {
  override readonly name = 'CommandError';
  constructor(
    code: 'COMMAND_MISSING' | 'COMMAND_FAILED' | 'COMMAND_TIMEOUT',
    message: string,
    readonly command: string,
    readonly detail: { exitCode?: number; stderr?: string } = {},
    options?: { cause?: unknown },
  ) {
    super(code, message, options);
  }
}

/** A command ran but printed something this module cannot read. */
export class OutputFormatError extends DeviceError {
  override readonly name = 'OutputFormatError';
  constructor(message: string, options?: { cause?: unknown }) {
    super('BAD_OUTPUT', message, options);
  }
}

const SERVICE_CODES: Record<DeviceErrorCode, ServiceErrorCode> = {
  COMMAND_MISSING: 'INTERNAL',
  COMMAND_FAILED: 'UNREADABLE',
  COMMAND_TIMEOUT: 'UNREADABLE',
  BAD_OUTPUT: 'INTERNAL',
  UNSUPPORTED: 'BAD_REQUEST',
  NOT_FOUND: 'NOT_FOUND',
  UNREADABLE: 'UNREADABLE',
  NOT_A_SOURCE: 'BAD_REQUEST',
  MISSING_PIECE: 'BAD_REQUEST',
  ABORTED: 'CONFLICT',
};

/** The ServiceError the router reports for a DeviceError (anything else passes through unchanged). */
export function toServiceError(error: unknown): unknown {
  if (!(error instanceof DeviceError)) return error;
  return new ServiceError(SERVICE_CODES[error.code], error.message, { cause: error });
}
