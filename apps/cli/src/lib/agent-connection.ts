import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink, type TRPCClient } from '@trpc/client';
import type { AppRouter } from '@afterimage/contracts';
import { EventSource } from 'eventsource';
import { CliError, EXIT } from './exit-codes.js';

export type AgentClient = TRPCClient<AppRouter>;

export interface AgentConnection {
  client: AgentClient;
  url: string;
  close(): Promise<void>;
}

export function createAgentClient(url: string, token: string): AgentClient {
  const trpcUrl = `${url.replace(/\/$/, '')}/trpc`;
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: httpSubscriptionLink({ url: trpcUrl, EventSource, connectionParams: { token } }),
        false: httpBatchLink({ url: trpcUrl, headers: { authorization: `Bearer ${token}` } }),
      }),
    ],
  });
}

async function tokenFor(home: string | undefined): Promise<string> {
  const fromEnv = process.env['AFTERIMAGE_TOKEN'];
  if (fromEnv) return fromEnv.trim();
  const dir = home ?? process.env['AFTERIMAGE_HOME'] ?? join(process.env['HOME'] ?? '.', '.afterimage');
  const token = await readFile(join(dir, 'agent.token'), 'utf8').catch(() => '');
  if (!token.trim()) throw new CliError(`No agent token: set AFTERIMAGE_TOKEN or keep the agent's token in ${dir}/agent.token.`, EXIT.agent);
  return token.trim();
}

/** The agent's launcher, found through the workspace's package resolution (a process, never an import). */
function agentLauncher(): string {
  const pkg = fileURLToPath(import.meta.resolve('@afterimage/agent/package.json'));
  return join(dirname(pkg), 'bin', 'afterimage-agent.mjs');
}

async function startPrivateAgent(): Promise<AgentConnection> {
  const home = await mkdtemp(join(tmpdir(), 'afterimage-cli-'));
  const child: ChildProcess = spawn(process.execPath, [agentLauncher(), '--port', '0', '--home', home, '--no-demo'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const { stdout } = child;
  if (!stdout) throw new CliError('Cannot read what the agent prints.', EXIT.agent);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const ready = await new Promise<{ url: string; token: string }>((resolve, reject) => {
    const lines = createInterface({ input: stdout });
    lines.once('line', (line) => {
      try {
        resolve(JSON.parse(line) as { url: string; token: string });
      } catch {
        reject(new CliError(`The agent said something unexpected: ${line}`, EXIT.agent));
      }
    });
    child.once('exit', (code) => reject(new CliError(`The agent stopped (exit ${code}): ${stderr.trim() || 'no message'}`, EXIT.agent)));
    child.once('error', (error) => reject(new CliError(`Cannot start the agent: ${error.message}`, EXIT.agent)));
  }).catch(async (error: unknown) => {
    child.kill();
    await rm(home, { recursive: true, force: true });
    throw error;
  });
  return {
    client: createAgentClient(ready.url, ready.token),
    url: ready.url,
    close: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      await rm(home, { recursive: true, force: true });
    },
  };
}

/** A running agent when one is named (--agent or AFTERIMAGE_AGENT_URL), else a private one for this command. */
export async function connectAgent(agentUrl: string | undefined, home?: string): Promise<AgentConnection> {
  const url = agentUrl ?? process.env['AFTERIMAGE_AGENT_URL'];
  if (!url) return startPrivateAgent();
  const health = await fetch(new URL('/health', url)).catch((cause: unknown) => {
    throw new CliError(`No agent answers at ${url}.`, EXIT.agent, { cause });
  });
  if (!health.ok) throw new CliError(`The agent at ${url} answered ${health.status}.`, EXIT.agent);
  return { client: createAgentClient(url, await tokenFor(home)), url, close: async () => undefined };
}
