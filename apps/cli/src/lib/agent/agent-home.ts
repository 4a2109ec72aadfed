import { open, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** The agent's home, by the agent's own rule: --home, else AFTERIMAGE_HOME, else ~/.afterimage. */
export function resolveHome(explicit?: string): string {
  return resolve(explicit ?? process.env['AFTERIMAGE_HOME'] ?? join(homedir(), '.afterimage'));
}

/** AFTERIMAGE_TOKEN, else the token the agent keeps in HOME/agent.token; undefined when neither. */
export async function readToken(home: string): Promise<string | undefined> {
  const fromEnv = process.env['AFTERIMAGE_TOKEN']?.trim();
  if (fromEnv) return fromEnv;
  const token = (await readFile(join(home, 'agent.token'), 'utf8').catch(() => '')).trim();
  return token || undefined;
}

/**
 * HOME/agent.json: where the agent serving a home listens, so a later command finds it. Written by
 * `afterimage agent` (kind "foreground") and by a command's private agent while it lives ("private").
 * It holds no secret (the token stays in agent.token) and is only a hint: it is checked before use.
 */
export interface AgentAdvert {
  url: string;
  pid: number;
  kind: 'foreground' | 'private';
  startedAt: string;
}

const ADVERT = 'agent.json';
const MAX_ADVERT_BYTES = 4096;

function isAdvert(value: unknown): value is AgentAdvert {
  const v = value as Partial<AgentAdvert> | null;
  return (
    typeof v === 'object' && v !== null &&
    typeof v.url === 'string' && /^http:\/\/(127\.0\.0\.1|localhost|\[::1\]):\d+\/?$/.test(v.url) &&
    Number.isInteger(v.pid) && (v.kind === 'foreground' || v.kind === 'private') && typeof v.startedAt === 'string'
  );
}

/** The advert, when there is a well-formed one (a damaged or foreign file reads as none). */
export async function readAdvert(home: string): Promise<AgentAdvert | undefined> {
  const handle = await open(join(home, ADVERT), 'r').catch(() => undefined);
  if (!handle) return undefined;
  try {
    const buffer = Buffer.alloc(MAX_ADVERT_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, MAX_ADVERT_BYTES, 0);
    const parsed: unknown = JSON.parse(buffer.subarray(0, bytesRead).toString('utf8'));
    return isAdvert(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  } finally {
    await handle.close();
  }
}

export async function writeAdvert(home: string, advert: AgentAdvert): Promise<void> {
  const partial = join(home, `.${ADVERT}.${process.pid}.partial`);
  await writeFile(partial, JSON.stringify(advert) + '\n', { mode: 0o600 });
  await rename(partial, join(home, ADVERT));
}

/** Removes the advert if it still names this agent (another one may have taken over the home). */
export async function removeAdvert(home: string, pid: number | undefined): Promise<void> {
  const current = await readAdvert(home);
  if (current && current.pid === pid) await rm(join(home, ADVERT), { force: true });
}

/** Whether a process with this id exists (it may belong to someone else: the caller checks further). */
export function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
