import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

// Children run the TypeScript sources as vitest does, through the module hooks the carve engine's
// tests use for their worker threads (workspace libs by their source condition, .ts transpiled).
const hooks = new URL('../../../../libs/carve-engine/src/testing/typescript-hooks.mjs', import.meta.url).href;
const register = `data:text/javascript,import{register}from"node:module";register(${JSON.stringify(hooks)});`;

/** The agent's own command line (main.ts), from its sources. */
export const AGENT_MAIN = fileURLToPath(new URL('./agent-main.ts', import.meta.url));
/** The agent with a slow, failing source under its imaging jobs (imaging-agent-child.ts). */
export const IMAGING_AGENT_CHILD = fileURLToPath(new URL('./imaging-agent-child.ts', import.meta.url));

export interface AgentProcess {
  child: ChildProcess;
  pid: number;
  url: string;
  token: string;
  /** What it printed on stderr so far. */
  stderr(): string;
  /** Resolves with its exit code (null after a signal). */
  exited: Promise<number | null>;
  /** SIGTERM (it closes its store and releases its lock) or SIGKILL (no chance to), then waits. */
  stop(signal?: 'SIGTERM' | 'SIGKILL'): Promise<number | null>;
}

export interface EndedProcess {
  code: number | null;
  stderr: string;
}

/**
 * Runs `entry` (agent-main.ts or another child that prints the agent's ready line) with `args`.
 * Resolves with the running agent once it printed {"url","token"}, or with how it ended if it
 * stopped first (a refused start).
 */
export function runAgentProcess(args: string[], entry = AGENT_MAIN, env: NodeJS.ProcessEnv = process.env): Promise<AgentProcess | EndedProcess> {
  const child = spawn(process.execPath, ['--import', register, entry, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).once('line', (line) => {
      const ready = JSON.parse(line) as { url: string; token: string };
      resolve({
        child,
        pid: child.pid as number,
        url: ready.url,
        token: ready.token,
        stderr: () => stderr,
        exited,
        async stop(signal = 'SIGTERM') {
          if (child.exitCode === null && child.signalCode === null) child.kill(signal);
          return exited;
        },
      });
    });
    void exited.then((code) => resolve({ code, stderr }));
    child.once('error', reject);
  });
}

export const isRunning = (p: AgentProcess | EndedProcess): p is AgentProcess => 'url' in p;

/** One tRPC call to the agent over plain HTTP: a query (GET) or a mutation (POST). */
export async function trpc<T>(agent: { url: string; token: string }, path: string, input?: unknown, kind: 'query' | 'mutation' = 'query'): Promise<T> {
  const headers = { authorization: `Bearer ${agent.token}`, 'content-type': 'application/json' };
  const query = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
  const response =
    kind === 'query'
      ? await fetch(`${agent.url}/trpc/${path}${query}`, { headers })
      : await fetch(`${agent.url}/trpc/${path}`, { method: 'POST', headers, body: JSON.stringify(input ?? null) });
  const body = (await response.json()) as { result?: { data: T }; error?: { message: string } };
  if (!response.ok || !body.result) throw new Error(`${path}: ${body.error?.message ?? response.status}`);
  return body.result.data;
}
