'use client';
import { useEffect, useRef } from 'react';
import type { AgentHealth } from './use-agent-health';

/** Calls `again` when the agent answers after it was away (the Backup and Cloud trash pages reload). */
export function useReloadWhenAgentReturns(health: AgentHealth, again: () => void) {
  const wasDown = useRef(false);
  const callback = useRef(again);
  callback.current = again;
  useEffect(() => {
    if (health.status === 'down') wasDown.current = true;
    else if (health.status === 'ok' && wasDown.current) {
      wasDown.current = false;
      callback.current();
    }
  }, [health.status]);
}
