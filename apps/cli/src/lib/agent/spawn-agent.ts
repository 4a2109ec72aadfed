import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { CliError, EXIT } from '../exit-codes.js';
import { launcherNodeOptions } from './launcher-node-options.js';

/** What the agent prints when it is ready. */
export interface AgentReady {
  url: string;
  token: string;
  home: string;
}

export interface SpawnedAgent {
  ready: AgentReady;
  pid: number | undefined;
  /** Resolves with the exit code when the agent process ends (null after a signal). */
  exited: Promise<number | null>;
  /** Lines the agent prints after its ready line. */
  onLine(listener: (line: string) => void): void;
  /** Asks the agent to stop (it closes its store) and waits for it. */
  stop(): Promise<number | null>;
}

const STOP_GRACE_MS = 15_000;

/** The agent's launcher, found through the workspace's package resolution (a process, never an import). */
export function agentBin(): string {
  const pkg = fileURLToPath(import.meta.resolve('@afterimage/agent/package.json'));
  return join(dirname(pkg), 'bin', 'afterimage-agent.mjs');
}

/** Starts the agent with `args`, in its own process group, on a lifeline (see agent-launcher.ts). */
export async function spawnAgent(args: string[], stderr: 'pipe' | 'inherit'): Promise<SpawnedAgent> {
  const launcher = fileURLToPath(new URL('./agent-launcher.js', import.meta.url));
  const bin = agentBin();
  // The node options the agent's launcher asks for on its #! line (its heap settings).
  const child: ChildProcess = spawn(process.execPath, [...launcherNodeOptions(bin), launcher, bin, ...args], { detached: true, windowsHide: true, stdio: ['pipe', 'pipe', stderr] });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let messages = '';
  child.stderr?.on('data', (chunk: Buffer) => (messages = (messages + chunk.toString()).slice(-4000)));
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const listeners: ((line: string) => void)[] = [];
  const ready = await new Promise<AgentReady>((resolve, reject) => {
    lines.once('line', (line) => {
      try {
        resolve(JSON.parse(line) as AgentReady);
      } catch {
        reject(new CliError(`The agent said something unexpected: ${line}`, EXIT.agent));
      }
      lines.on('line', (more) => listeners.forEach((l) => l(more)));
    });
    void exited.then((code) => reject(new CliError(`The agent stopped (exit ${code}): ${messages.trim() || 'see its messages above'}`, EXIT.agent)));
    child.once('error', (error) => reject(new CliError(`Cannot start the agent: ${error.message}`, EXIT.agent, { cause: error })));
  }).catch((error: unknown) => {
    child.kill('SIGKILL');
    throw error;
  });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return exited;
    child.stdin?.end();
    const force = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
    const code = await exited;
    clearTimeout(force);
    return code;
  };
  return { ready, pid: child.pid, exited, onLine: (l) => listeners.push(l), stop };
}
