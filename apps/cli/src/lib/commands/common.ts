import { connectAgent, type AgentConnection, type ConnectOptions } from '../agent-connection.js';

/** Options every command that talks to the agent takes. */
export const AGENT_OPTIONS = {
  agent: { type: 'string' },
  home: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

export const AGENT_OPTIONS_HELP = `  --agent URL       use the agent at URL (also AFTERIMAGE_AGENT_URL; its token from
                    AFTERIMAGE_TOKEN or HOME/agent.token); by default the agent already running
                    for HOME is used, else a private one runs for this command only
  --home DIR        the agent's home (default $AFTERIMAGE_HOME or ~/.afterimage)
  -h, --help        show this help`;

/** Runs `work` with the agent, and lets a private agent go when it is done (or failed). */
export async function withAgent<T>(
  values: { agent?: string | undefined; home?: string | undefined },
  work: (agent: AgentConnection) => Promise<T>,
  options: Omit<ConnectOptions, 'home'> = {},
): Promise<T> {
  const agent = await connectAgent(values.agent, { ...options, ...(values.home ? { home: values.home } : {}) });
  try {
    return await work(agent);
  } finally {
    await agent.close();
  }
}

/** A comma-separated list option (`--type jpeg,cr2`); repeated options add up. */
export function list(values: readonly string[] | undefined): string[] | undefined {
  if (!values || values.length === 0) return undefined;
  return values.flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
}
