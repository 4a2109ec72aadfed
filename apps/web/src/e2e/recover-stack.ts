import type { AppRouter } from '@afterimage/contracts';
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './browser';
import { freePort, startAgent, startWeb, type Running } from './processes';

export type AgentTrpc = ReturnType<typeof agentTrpc>;

/** The test's own typed client of the agent, to check the page against what the agent says. */
export function agentTrpc(url: string, token: string) {
  return createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: `${url}/trpc`, headers: { authorization: `Bearer ${token}` } })] });
}

export interface RecoverStack {
  tmp: string;
  home: string;
  agent: Running & { url: string; token: string };
  agentPort: number;
  web: Running & { url: string };
  webPort: number;
  browser: Browser;
  trpc: AgentTrpc;
  /** Starts the agent again on the same port and home (after a test stopped it). */
  restartAgent(): Promise<void>;
  stop(): Promise<void>;
}

/** A fresh agent home, the real agent, `next start` on the built dashboard, and chromium. */
export async function startRecoverStack(name: string): Promise<RecoverStack> {
  const tmp = await mkdtemp(join(tmpdir(), `afterimage-${name}-`));
  const home = join(tmp, 'home');
  const webPort = await freePort();
  const agentPort = await freePort();
  const origin = `http://127.0.0.1:${webPort}`;
  let agent = await startAgent(home, origin, agentPort);
  // No AFTERIMAGE_TOKEN: the dashboard reads $AFTERIMAGE_HOME/agent.token, as for a person.
  const web = await startWeb(webPort, { AFTERIMAGE_AGENT_URL: agent.url, AFTERIMAGE_HOME: home, HOME: tmp });
  const browser = await launchBrowser();
  const stack: RecoverStack = {
    tmp,
    home,
    agent,
    agentPort,
    web,
    webPort,
    browser,
    trpc: agentTrpc(agent.url, agent.token),
    async restartAgent() {
      agent = await startAgent(home, origin, agentPort);
      stack.agent = agent;
    },
    async stop() {
      await browser.close().catch(() => undefined);
      await web.stop();
      await stack.agent.stop();
      await rm(tmp, { recursive: true, force: true });
    },
  };
  return stack;
}
