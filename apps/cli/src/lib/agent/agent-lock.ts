import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { AGENT_LOCK_FILE, MAX_AGENT_LOCK_BYTES, parseAgentLock, type AgentLock } from '@afterimage/contracts';
import { processExists } from './agent-home.js';

/** How long an agent that holds the lock but does not listen yet is waited for. */
const STARTING_WAIT_MS = 15_000;
const POLL_MS = 100;

/**
 * HOME/agent.lock when it is well formed (a damaged or foreign file reads as none), as the agent
 * writes it: whatever started the agent (`afterimage agent`, `npm start`, a service manager, a
 * dashboard test), the lock names it.
 */
export async function readAgentLock(home: string): Promise<AgentLock | undefined> {
  const handle = await open(join(home, AGENT_LOCK_FILE), 'r').catch(() => undefined);
  if (!handle) return undefined;
  try {
    const buffer = Buffer.alloc(MAX_AGENT_LOCK_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, MAX_AGENT_LOCK_BYTES, 0);
    return parseAgentLock(buffer.subarray(0, bytesRead).toString('utf8'));
  } finally {
    await handle.close();
  }
}

/**
 * The address of the live agent holding the home's lock: undefined when there is no lock or its
 * process is gone (a stale lock: the next agent takes it over). An agent that holds it but does not
 * listen yet is waited for, a little.
 */
export async function lockedAgentUrl(home: string, waitMs = STARTING_WAIT_MS): Promise<string | undefined> {
  const until = Date.now() + waitMs;
  for (;;) {
    const lock = await readAgentLock(home);
    if (!lock || !processExists(lock.pid)) return undefined;
    if (lock.url) return lock.url;
    if (Date.now() >= until) return undefined;
    await delay(POLL_MS);
  }
}
