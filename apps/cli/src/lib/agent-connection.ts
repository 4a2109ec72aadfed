import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink, type TRPCClient } from '@trpc/client';
import type { AppRouter } from '@afterimage/contracts';
import { EventSource } from 'eventsource';
import { findRunningAgent, probeAgent } from './agent/agent-discovery.js';
import { readToken, removeAdvert, resolveHome, writeAdvert } from './agent/agent-home.js';
import { spawnAgent } from './agent/spawn-agent.js';
import { CliError, EXIT } from './exit-codes.js';

export type AgentClient = TRPCClient<AppRouter>;

export interface AgentConnection {
  client: AgentClient;
  url: string;
  /** named: --agent or AFTERIMAGE_AGENT_URL; running: found for the home; private: started for this command. */
  kind: 'named' | 'running' | 'private';
  /** Whether the agent still answers (a subscription that lost its connection asks this). */
  alive(): Promise<boolean>;
  close(): Promise<void>;
}

export interface ConnectOptions {
  /** The agent's home (--home); else AFTERIMAGE_HOME, else ~/.afterimage. */
  home?: string;
  /** Refuse to start a private agent: the work must outlive this command (scan --detach). */
  requireRunning?: boolean;
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

function connection(url: string, token: string, kind: AgentConnection['kind'], close: () => Promise<void> = async () => undefined): AgentConnection {
  return { client: createAgentClient(url, token), url, kind, alive: async () => (await probeAgent(url, token)) === 'accepted', close };
}

async function connectNamed(url: string, home: string): Promise<AgentConnection> {
  const token = await readToken(home);
  if (!token) throw new CliError(`No agent token: set AFTERIMAGE_TOKEN or keep the agent's token in ${home}/agent.token.`, EXIT.agent);
  const probe = await probeAgent(url, token);
  if (probe === 'unreachable') throw new CliError(`No agent answers at ${url}.`, EXIT.agent);
  if (probe === 'refused') throw new CliError(`The agent at ${url} refused the token (from AFTERIMAGE_TOKEN or ${home}/agent.token): is it another home's agent?`, EXIT.agent);
  return connection(url, token, 'named');
}

/**
 * A private agent on the same home as a running one would use, so what it stores (sources, scans,
 * findings) is there for the next command. It stops when this command ends (see agent-launcher.ts).
 */
async function startPrivateAgent(home: string): Promise<AgentConnection> {
  const agent = await spawnAgent(['--port', '0', '--home', home, '--no-demo'], 'pipe').catch(async (error: unknown) => {
    // Refused because an agent took the home meanwhile (its agent.lock): use that one instead.
    const running = await findRunningAgent(home);
    if (running) return running;
    throw error;
  });
  if (!('ready' in agent)) return connection(agent.url, agent.token, 'running');
  await writeAdvert(home, { url: agent.ready.url, pid: agent.pid ?? 0, kind: 'private', startedAt: new Date().toISOString() });
  return connection(agent.ready.url, agent.ready.token, 'private', async () => {
    await removeAdvert(home, agent.pid);
    await agent.stop();
  });
}

/**
 * The agent for this command: the one named by --agent or AFTERIMAGE_AGENT_URL; else the one already
 * serving the home (its agent.json, or the default port); else a private one for this command.
 */
export async function connectAgent(agentUrl?: string, options: ConnectOptions = {}): Promise<AgentConnection> {
  const home = resolveHome(options.home);
  const url = agentUrl || process.env['AFTERIMAGE_AGENT_URL'];
  if (url) return connectNamed(url, home);
  const running = await findRunningAgent(home);
  if (running && !(options.requireRunning && running.kind === 'private')) return connection(running.url, running.token, 'running');
  if (options.requireRunning) {
    throw new CliError(
      `No agent is running for ${home}, and this needs one that goes on after the command ends: start it with 'afterimage agent' (in another terminal, or as a service), or name one with --agent URL.`,
      EXIT.agent,
    );
  }
  return startPrivateAgent(home);
}
