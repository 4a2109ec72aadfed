import { z } from 'zod';

/**
 * HOME/agent.lock: the one agent allowed on a home takes it before it opens the home's database
 * (its pid and start time), and adds its address once it listens. The agent writes it; the CLI reads
 * it to find the agent of a home, whatever started that agent.
 */
export const AGENT_LOCK_FILE = 'agent.lock';
/** A lock file is read up to this many bytes (a longer one is not a lock). */
export const MAX_AGENT_LOCK_BYTES = 4096;

export const AgentLockSchema = z.object({
  pid: z.number().int().positive(),
  /** Absent while the agent is starting (the lock is taken before it listens). */
  url: z.string().regex(/^http:\/\/127\.0\.0\.1:\d{1,5}$/).optional(),
  startedAt: z.string(),
  /** Tells this holder from another with the same pid and start time (a random id). */
  id: z.unknown().optional(),
});

export interface AgentLock {
  pid: number;
  url?: string;
  startedAt: string;
  id?: string;
}

/** The lock a lock file's text says; undefined when it is damaged or not one (an id that is not a string is left out). */
export function parseAgentLock(text: string): AgentLock | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = AgentLockSchema.safeParse(value);
  if (!parsed.success) return undefined;
  const { pid, url, startedAt, id } = parsed.data;
  return { pid, startedAt, ...(url ? { url } : {}), ...(typeof id === 'string' ? { id } : {}) };
}
