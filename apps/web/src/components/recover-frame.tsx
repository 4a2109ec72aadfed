'use client';
import type { ReactNode } from 'react';
import { AgentProvider, useAgent, type AgentSettings } from '../lib/agent-context';
import { AgentDownNotice } from './agent-down-notice';
import { AppHeader } from './app-header';

/** The Recover pages' frame: one agent client, the shared header with the agent's live state, the page. */
export function RecoverFrame({ settings, children }: { settings: AgentSettings; children: ReactNode }) {
  return (
    <AgentProvider settings={settings}>
      <FrameBody>{children}</FrameBody>
    </AgentProvider>
  );
}

function FrameBody({ children }: { children: ReactNode }) {
  const { agentUrl, health } = useAgent();
  return (
    <>
      <AppHeader agentUrl={agentUrl} connected={health.status === 'checking' ? undefined : health.status === 'ok'} />
      <main id="main" className="container">
        {health.status === 'down' && <AgentDownNotice agentUrl={agentUrl} />}
        {children}
      </main>
    </>
  );
}
