import { execFile } from 'node:child_process';
import { CommandError, DeviceError } from './errors.js';

export interface RunOptions {
  /** Kill the command after this long (default 15 s): a hung disk can stall lsblk or diskutil. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface RunResult {
  stdout: string;
  stderr: string;
}

/** Runs one program with arguments and returns its output; the discovery code takes it as a parameter. */
export type RunCommand = (file: string, args: readonly string[], options?: RunOptions) => Promise<RunResult>;

/** Output beyond this is a misbehaving tool, not a disk list. */
const MAX_OUTPUT_BYTES = 32 * 1024 * 1024;
const DEFAULT_TIMEOUT_MS = 15_000;

function lastLines(text: string, count = 5): string {
  return text.trim().split(/\r?\n/).slice(-count).join(' / ');
}

/**
 * execFile without a shell (arguments are never parsed by one), with a timeout and an AbortSignal.
 * Failures become CommandError: the program is missing, exited non-zero (its stderr in the message),
 * or was stopped after the timeout.
 */
export const runCommand: RunCommand = (file, args, options = {}) => {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const command = [file, ...args].join(' ');
  return new Promise((resolve, reject) => {
    execFile(
      file,
      [...args],
      { encoding: 'utf8', timeout: timeoutMs, maxBuffer: MAX_OUTPUT_BYTES, windowsHide: true, shell: false, signal: options.signal },
      (error, stdout, stderr) => {
        if (!error) return resolve({ stdout, stderr });
        const failure = error as NodeJS.ErrnoException & { killed?: boolean; code?: string | number; signal?: string };
        if (options.signal?.aborted) {
          return reject(new DeviceError('ABORTED', `${file} was stopped: the device listing was cancelled.`, { cause: error }));
        }
        if (failure.code === 'ENOENT') {
          return reject(new CommandError('COMMAND_MISSING', `${file} is not installed or not on the PATH, so devices cannot be listed.`, command, {}, { cause: error }));
        }
        if (failure.killed && failure.code !== 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') {
          return reject(new CommandError('COMMAND_TIMEOUT', `${file} did not answer within ${timeoutMs / 1000} s and was stopped; a disk may be hanging.`, command, { stderr }, { cause: error }));
        }
        const exitCode = typeof failure.code === 'number' ? failure.code : undefined;
        const said = lastLines(stderr) || failure.message;
        const how = exitCode === undefined ? 'failed' : `failed (exit code ${exitCode})`;
        reject(new CommandError('COMMAND_FAILED', `${command} ${how}: ${said}`, command, { exitCode, stderr }, { cause: error }));
      },
    );
  });
};
