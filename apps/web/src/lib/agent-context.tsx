'use client';
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { createAgentClient, type AgentClient } from './agent-client';
import { useAgentHealth, type AgentHealth } from './use-agent-health';

export interface AgentSettings {
  agentUrl: string;
  token: string;
  /** Suggested folders (the person can type another). */
  defaultDestination: string;
  imagesFolder: string;
}

export interface Agent extends AgentSettings {
  client: AgentClient;
  health: AgentHealth;
  /** Ask /health again now (after a request failed to reach the agent). */
  recheck: () => void;
}

const AgentContext = createContext<Agent | undefined>(undefined);

/** One typed client and one health watch for everything under it. */
export function AgentProvider({ settings, children }: { settings: AgentSettings; children: ReactNode }) {
  const { agentUrl, token, defaultDestination, imagesFolder } = settings;
  const client = useMemo(() => createAgentClient(agentUrl, token), [agentUrl, token]);
  const { health, recheck } = useAgentHealth(agentUrl);
  const value = useMemo<Agent>(
    () => ({ agentUrl, token, defaultDestination, imagesFolder, client, health, recheck: () => void recheck() }),
    [agentUrl, token, defaultDestination, imagesFolder, client, health, recheck],
  );
  return <AgentContext.Provider value={value}>{children}</AgentContext.Provider>;
}

export function useAgent(): Agent {
  const agent = useContext(AgentContext);
  if (!agent) throw new Error('useAgent() outside <AgentProvider>');
  return agent;
}
