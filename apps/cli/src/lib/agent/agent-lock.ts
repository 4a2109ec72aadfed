import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { processExists } from './agent-home.js';

/**
 * HOME/agent.lock, as the agent writes it: the one agent allowed on a home takes it before it opens
 * the home's database (pid and start time), and adds its address once it listens. Whatever started
 * the agent (`afterimage agent`, `npm start`, a service manager, a dashboard test), the lock names it.
 */
export interface AgentLock {
  pid: number;
  url?: string;
}

const LOCK = 'agent.lock';
const MAX_LOCK_BYTES = 4096;
/** How long an agent that holds the lock but does not listen yet is waited for. */
const STARTING_WAIT_MS = 15_000;
const POLL_MS = 100;

function parse(text: string): AgentLock | undefined {
  try {
    const v = JSON.parse(text) as { pid?: unknown; url?: unknown } | null;
    if (typeof v !== 'object' || v === null || !Number.isSafeInteger(v.pid) || (v.pid as number) <= 0) return undefined;
    const url = typeof v.url === 'string' && /^http:\/\/127\.0\.0\.1:\d{1,5}$/.test(v.url) ? v.url : undefined;
    return { pid: v.pid as number, ...(url ? { url } : {}) };
  } catch {
    return undefined;
  }
}

/** The lock when it is well formed (a damaged or foreign file reads as none). */
export async function readAgentLock(home: string): Promise<AgentLock | undefined> {
  const handle = await open(join(home, LOCK), 'r').catch(() => undefined);
  if (!handle) return undefined;
  try {
    const buffer = Buffer.alloc(MAX_LOCK_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, MAX_LOCK_BYTES, 0);
    return parse(buffer.subarray(0, bytesRead).toString('utf8'));
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
