import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';

/** The checkout the end-to-end tests run the CLI from (and read fixtures from). */
export const repo = resolve(import.meta.dirname, '../../..');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * The environment of an `afterimage` process that starts its own agent, with its home in `home`: the
 * caller's agent and token are left out; `vars` are added, a name given as undefined is removed.
 */
export function cliEnv(home: string, vars: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, AFTERIMAGE_AGENT_URL: '', AFTERIMAGE_HOME: home };
  delete env['AFTERIMAGE_TOKEN'];
  for (const [name, value] of Object.entries(vars)) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  return env;
}

/** Runs `afterimage ARGS` from apps/cli/bin as a process; `onStderr` sees its messages so far as they come. */
export function runAfterimage(args: string[], env: NodeJS.ProcessEnv, onStderr?: (text: string, child: ChildProcess) => void): Promise<CliRun> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [join(repo, 'apps/cli/bin/afterimage.mjs'), ...args], { env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c));
    child.stderr.on('data', (c: Buffer) => {
      stderr += c;
      onStderr?.(stderr, child);
    });
    child.on('error', fail);
    child.on('exit', (code) => done({ code: code ?? -1, stdout, stderr }));
  });
}
