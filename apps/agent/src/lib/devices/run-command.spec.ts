import { describe, expect, it } from 'vitest';
import { CommandError, DeviceError, toServiceError } from './errors.js';
import { runCommand } from './run-command.js';

const node = process.execPath;

describe('runCommand', () => {
  it('returns what the program printed, arguments passed without a shell', async () => {
    const result = await runCommand(node, ['-e', 'process.stdout.write(process.argv[1])', '$HOME; echo pwned']);
    expect(result.stdout).toBe('$HOME; echo pwned');
  });

  it('a non-zero exit becomes COMMAND_FAILED with the exit code and the stderr in the message', async () => {
    const failing = runCommand(node, ['-e', 'console.error("lsblk: failed to access sysfs directory: /sys/dev/block"); process.exit(32)']);
    await expect(failing).rejects.toBeInstanceOf(CommandError);
    await expect(failing).rejects.toMatchObject({ code: 'COMMAND_FAILED', detail: { exitCode: 32 } });
    await expect(failing).rejects.toThrow(/exit code 32\): lsblk: failed to access sysfs directory/);
  });

  it('a missing program becomes COMMAND_MISSING naming it', async () => {
    await expect(runCommand('afterimage-no-such-tool', [])).rejects.toMatchObject({
      code: 'COMMAND_MISSING',
      message: expect.stringContaining('afterimage-no-such-tool is not installed'),
    });
  });

  it('a program that hangs is stopped after the timeout (COMMAND_TIMEOUT)', async () => {
    await expect(runCommand(node, ['-e', 'setTimeout(() => {}, 60_000)'], { timeoutMs: 300 })).rejects.toMatchObject({ code: 'COMMAND_TIMEOUT' });
  });

  it('an aborted listing stops the program (ABORTED)', async () => {
    const controller = new AbortController();
    const running = runCommand(node, ['-e', 'setTimeout(() => {}, 60_000)'], { signal: controller.signal });
    controller.abort();
    await expect(running).rejects.toMatchObject({ code: 'ABORTED' });
  });

  it('maps its errors to the service error codes once', () => {
    expect(toServiceError(new DeviceError('NOT_FOUND', 'gone'))).toMatchObject({ name: 'ServiceError', code: 'NOT_FOUND', message: 'gone' });
    expect(toServiceError(new DeviceError('MISSING_PIECE', 'x'))).toMatchObject({ code: 'BAD_REQUEST' });
    const other = new Error('other');
    expect(toServiceError(other)).toBe(other);
  });
});
