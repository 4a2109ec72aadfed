'use client';
import { useCallback, useEffect, useRef, useState } from 'react';

export type AgentHealth = { status: 'checking' } | { status: 'ok'; version: string } | { status: 'down'; since: number };

const EVERY_MS_OK = 5000;
const EVERY_MS_DOWN = 2000;

/**
 * Asks the agent's /health (no token needed) every few seconds, and at once when the tab comes back
 * or a request failed, so the header and the "agent stopped" notice follow the agent's real state.
 */
export function useAgentHealth(agentUrl: string) {
  const [health, setHealth] = useState<AgentHealth>({ status: 'checking' });
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const alive = useRef(true);

  const check = useCallback(async () => {
    clearTimeout(timer.current);
    let next: AgentHealth;
    try {
      const res = await fetch(`${agentUrl}/health`, { cache: 'no-store', signal: AbortSignal.timeout(4000) });
      const body = (await res.json()) as { ok?: boolean; version?: string };
      next = res.ok && body.ok ? { status: 'ok', version: body.version ?? '' } : { status: 'down', since: Date.now() };
    } catch {
      next = { status: 'down', since: Date.now() };
    }
    if (!alive.current) return;
    setHealth((current) => (current.status === next.status ? (current.status === 'ok' && next.status === 'ok' && current.version !== next.version ? next : current) : next));
    timer.current = setTimeout(() => void check(), next.status === 'ok' ? EVERY_MS_OK : EVERY_MS_DOWN);
  }, [agentUrl]);

  useEffect(() => {
    alive.current = true;
    void check();
    const again = () => document.visibilityState === 'visible' && void check();
    document.addEventListener('visibilitychange', again);
    window.addEventListener('online', again);
    return () => {
      alive.current = false;
      clearTimeout(timer.current);
      document.removeEventListener('visibilitychange', again);
      window.removeEventListener('online', again);
    };
  }, [check]);

  return { health, recheck: check };
}
