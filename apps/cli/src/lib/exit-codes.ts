import { TRPCClientError } from '@trpc/client';
import { errorMessage, isServiceErrorCode, type ServiceErrorCode } from '@afterimage/contracts';

/** Exit codes scripts can rely on (documented in `afterimage --help` and the README). */
export const EXIT = {
  ok: 0,
  failure: 1,
  usage: 2,
  source: 3,
  destination: 4,
  noSpace: 5,
  partial: 6,
  agent: 7,
  /** Something must be set up first: a cloud provider's client id (afterimage accounts add). */
  config: 8,
  /** An encrypted iPhone backup: no password given (--password-stdin, AFTERIMAGE_BACKUP_PASSWORD), or a wrong one. */
  password: 9,
  /** Ctrl-C: the scan was paused or the imaging stopped, and can go on later. */
  interrupted: 130,
} as const;

/** The exit codes as `--help` and the README list them. */
export const EXIT_CODES_HELP = `Exit codes:
  0    done (also when nothing was found; every recovered photo meets 3-2-1 for backup status/run)
  1    failed (the scan, the imaging, the recovery or the backup failed)
  2    bad usage (an unknown option, a missing argument, a bad value)
  3    the source, scan or file is missing or unreadable
  4    the destination was refused (for example: it is on the source; a cloud needs signing in again)
  5    not enough free space at the destination
  6    partly done: files not recovered and verified, bad sectors left in an image, backup files
       that failed or photos that do not meet 3-2-1, trash items not restored
  7    the agent could not be reached or started (or --detach found no running agent)
  8    not set up: no client id is configured for the cloud provider (the message names the
       variable to set)
  9    an encrypted iPhone backup needs its password (--password-stdin or AFTERIMAGE_BACKUP_PASSWORD),
       or the password given does not open it
  130  interrupted by Ctrl-C: a scan is paused, an imaging or a backup stopped; they go on later
       (a sign-in is cancelled; a recovery is cancelled, keeping the files verified until then)`;

const BY_SERVICE_CODE: Record<ServiceErrorCode, number> = {
  NOT_FOUND: EXIT.source,
  UNREADABLE: EXIT.source,
  BAD_REQUEST: EXIT.usage,
  FORBIDDEN: EXIT.destination,
  CONFLICT: EXIT.failure,
  NO_SPACE: EXIT.noSpace,
  INTERNAL: EXIT.failure,
  NEEDS_PASSWORD: EXIT.password,
  WRONG_PASSWORD: EXIT.password,
};

/** What the CLI adds to the agent's word that a backup needs its password: how to give it here. */
const PASSWORD_HINT = ' Give it with --password-stdin, or in AFTERIMAGE_BACKUP_PASSWORD.';

/** An error the CLI reports as one line and an exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The single line and exit code for any error: mapped once, here. */
export function describeError(error: unknown): { line: string; code: number } {
  if (error instanceof CliError) return { line: error.message, code: error.exitCode };
  if (error instanceof TRPCClientError) {
    const serviceCode = (error.data as { serviceCode?: unknown } | undefined)?.serviceCode;
    const code = isServiceErrorCode(serviceCode) ? BY_SERVICE_CODE[serviceCode] : EXIT.agent;
    return { line: serviceCode === 'NEEDS_PASSWORD' ? error.message + PASSWORD_HINT : error.message, code };
  }
  return { line: errorMessage(error), code: EXIT.failure };
}
