// A freshly started agent for the benchmarks: the built launcher (apps/agent/bin) in its own process,
// its own home, a free port, no demo card; a typed tRPC client wired as the CLI wires it
// (apps/cli/src/lib/agent-connection.ts: httpBatchLink with the bearer token, httpSubscriptionLink with
// EventSource and the token in connectionParams); and what /proc says of its CPU time and peak RSS.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink } from '@trpc/client';
import { EventSource } from 'eventsource';
import { AGENT_NODE_OPTIONS } from '../scripts/lib/agent-node-options.mjs';

export const AGENT_BIN = resolve(import.meta.dirname, '../../apps/agent/bin/afterimage-agent.mjs');
export const agentBuilt = () => existsSync(resolve(import.meta.dirname, '../../apps/agent/dist/main.js'));

export function agentClient(url, token) {
  const trpcUrl = `${url}/trpc`;
  return createTRPCClient({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: httpSubscriptionLink({ url: trpcUrl, EventSource, connectionParams: { token } }),
        false: httpBatchLink({ url: trpcUrl, headers: { authorization: `Bearer ${token}` } }),
      }),
    ],
  });
}

/**
 * Starts the agent; `home` defaults to a fresh temp folder (removed on stop), `nodeFlags` go before the
 * launcher (e.g. --cpu-prof). Resolves once it printed its {"url","token","home"} line.
 */
export async function startAgent({ scratch, home, nodeFlags = [] }) {
  const ownHome = !home;
  const dir = home ?? mkdtempSync(join(scratch, 'agent-home-'));
  // Started as the CLI starts it: the node options on its launcher's #! line, then any of the caller's.
  const child = spawn(process.execPath, [...AGENT_NODE_OPTIONS, ...nodeFlags, AGENT_BIN, '--port', '0', '--home', dir, '--no-demo'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise((done) => child.once('exit', done));
  const ready = await new Promise((done, fail) => {
    createInterface({ input: child.stdout }).once('line', (line) => {
      try {
        done(JSON.parse(line));
      } catch {
        fail(new Error(`the agent printed ${line}`));
      }
    });
    child.once('exit', (code) => fail(new Error(`the agent stopped (exit ${code}): ${stderr.trim()}`)));
    child.once('error', fail);
  });
  return {
    pid: child.pid,
    url: ready.url,
    home: dir,
    client: agentClient(ready.url, ready.token),
    stderr: () => stderr,
    /** Stops it with SIGTERM (it closes its store and exits) and removes a home it made. */
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
      if (ownHome) rmSync(dir, { recursive: true, force: true });
    },
  };
}

// USER_HZ (sysconf _SC_CLK_TCK), almost always 100.
const clockTicks = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout?.trim()) || 100;

/** The process's peak resident set (VmHWM), in KiB. */
export function vmHwmKiB(pid) {
  return Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN);
}

/** User + system CPU seconds the process (all its threads) has used so far. */
export function cpuSeconds(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // After the name: state is field 3, utime 14 and stime 15 (proc(5)) → indexes 11 and 12 here.
  const ticks = Number(fields[11]) + Number(fields[12]);
  return ticks / clockTicks;
}

