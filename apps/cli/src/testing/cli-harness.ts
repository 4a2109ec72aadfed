// Runs the built `afterimage` command (apps/cli/bin) as a user would, each test with its own agent home.
import { spawn, type ChildProcess } from 'node:child_process';
import { createReadStream, createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';

export const repo = resolve(import.meta.dirname, '../../../..');
export const cliBin = join(repo, 'apps/cli/bin/afterimage.mjs');
export const agentBin = join(repo, 'apps/agent/bin/afterimage-agent.mjs');

export interface DemoManifest {
  files: { path: string; name: string; size: number; sha256: string; deleted: boolean; takenAt: string }[];
}

export const readManifest = async (): Promise<DemoManifest> => JSON.parse(await readFile(join(repo, 'fixtures/demo-card/demo-card.json'), 'utf8')) as DemoManifest;

export async function unpackDemoCard(to: string): Promise<string> {
  await pipeline(createReadStream(join(repo, 'fixtures/demo-card/demo-card.img.gz')), createGunzip(), createWriteStream(to));
  return to;
}

/** The environment of a command run for `home`: no agent named, no token but the home's. */
export function cliEnv(home: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, AFTERIMAGE_AGENT_URL: '', AFTERIMAGE_HOME: home, ...extra };
  delete env['AFTERIMAGE_TOKEN'];
  if (!extra['AFTERIMAGE_BACKUP_PASSWORD']) delete env['AFTERIMAGE_BACKUP_PASSWORD'];
  return env;
}

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Starts the command; `onStderr` sees its messages as they come (to press Ctrl-C at the right time);
 * `stdin`, when given, is written to its standard input, which is then closed.
 */
export function startCli(args: string[], env: NodeJS.ProcessEnv, onStderr?: (text: string, child: ChildProcess) => void, stdin?: string): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [cliBin, ...args], { env });
    if (stdin !== undefined) child.stdin.end(stdin);
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

export const afterimage = (args: string[], home: string, extra?: Record<string, string>) => startCli(args, cliEnv(home, extra));

/** The command with `stdin` piped in (a password for --password-stdin). */
export const afterimageWithStdin = (args: string[], home: string, stdin: string, extra?: Record<string, string>) => startCli(args, cliEnv(home, extra), undefined, stdin);

export interface TestAgent {
  url: string;
  token: string;
  stop(): Promise<void>;
}

/** A running agent on a free port (`command`: the agent's own bin, or `afterimage agent`). */
export async function runAgent(home: string, command: 'agent-bin' | 'cli'): Promise<TestAgent> {
  const args = command === 'cli' ? [cliBin, 'agent', '--port', '0', '--no-demo'] : [agentBin, '--port', '0', '--home', home, '--no-demo'];
  const child = spawn(process.execPath, args, { env: cliEnv(home), stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise((resolveExit) => child.once('exit', resolveExit));
  const line = await new Promise<string>((ok, fail) => {
    createInterface({ input: child.stdout }).once('line', ok);
    void exited.then(() => fail(new Error('the agent stopped before it was ready')));
  });
  const ready = JSON.parse(line) as { url: string; token: string };
  return {
    ...ready,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
