import { link, open, rename, rm, writeFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { AGENT_LOCK_FILE, MAX_AGENT_LOCK_BYTES, parseAgentLock, type AgentLock } from '@afterimage/contracts';

/** What HOME/agent.lock says (its format is the contracts'): which process holds the home, and (once it listens) where. */
export type HomeLockInfo = AgentLock;

export const LOCK_FILE = AGENT_LOCK_FILE;

/** Another agent (a live process) holds the home: two agents must not share one database. */
export class AgentLockedError extends Error {
  constructor(
    readonly home: string,
    readonly holder: HomeLockInfo,
  ) {
    const where = holder.url ? `at ${holder.url}` : '(still starting: no address yet)';
    super(
      `Another agent is running on ${home}: pid ${holder.pid}, ${where}. Use that one, or stop it first; ` +
        `if pid ${holder.pid} is not an Afterimage agent, remove ${join(home, LOCK_FILE)}.`,
    );
    this.name = 'AgentLockedError';
  }
}

export interface HomeLock {
  readonly path: string;
  readonly info: HomeLockInfo;
  /** The lock this one replaced: its process was gone (or the file was damaged: pid 0). */
  readonly tookOver?: HomeLockInfo;
  /** Notes the address the agent listens on, for the next agent's refusal and for the CLI. */
  setUrl(url: string): Promise<void>;
  /** Removes the lock if it is still this one. */
  release(): Promise<void>;
}

/** HOME/agent.lock's content; undefined when there is none, 'damaged' when it is not one of ours. */
export const readHomeLock = (home: string) => readLockFile(join(home, LOCK_FILE));

async function readLockFile(file: string): Promise<HomeLockInfo | 'damaged' | undefined> {
  const handle = await open(file, 'r').catch(() => undefined);
  if (!handle) return undefined;
  try {
    const buffer = Buffer.alloc(MAX_AGENT_LOCK_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, MAX_AGENT_LOCK_BYTES, 0);
    return parseAgentLock(buffer.subarray(0, bytesRead).toString('utf8')) ?? 'damaged';
  } finally {
    await handle.close();
  }
}

/** Whether a process with this id runs (EPERM: it does, as another user). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const same = (a: HomeLockInfo | 'damaged' | undefined, b: HomeLockInfo | 'damaged') =>
  a === b || (typeof a === 'object' && typeof b === 'object' && a.pid === b.pid && a.startedAt === b.startedAt && a.id === b.id);

/** Creates the lock with its full content at once: written aside, then hard-linked (fails when one exists, as O_EXCL). */
async function create(path: string, info: HomeLockInfo): Promise<boolean> {
  const aside = `${path}.${randomUUID()}.new`;
  await writeFile(aside, JSON.stringify(info) + '\n', { mode: 0o600 });
  try {
    await link(aside, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    await rm(aside, { force: true });
  }
}

/**
 * Takes HOME/agent.lock for this process, atomically (the file appears whole or not at all). A lock
 * whose process is gone — an agent killed, a power cut — is taken over and `tookOver` says whose it
 * was; a live one refuses with AgentLockedError naming its pid and address. Taking over moves the
 * stale file aside first (rename is atomic), so two agents starting together cannot both win.
 * @throws AgentLockedError
 */
export async function takeHomeLock(home: string): Promise<HomeLock> {
  const path = join(home, LOCK_FILE);
  const info: HomeLockInfo = { pid: process.pid, startedAt: new Date().toISOString(), id: randomUUID() };
  let tookOver: HomeLockInfo | undefined;
  for (let attempt = 0; attempt < 8; attempt++) {
    if (await create(path, info)) return lockHandle(path, info, tookOver);
    const holder = await readHomeLock(home);
    if (holder === undefined) continue;
    if (holder !== 'damaged' && processAlive(holder.pid)) throw new AgentLockedError(home, holder);
    // Stale: whoever moves it aside (this agent, or one starting at the same time) clears the way.
    tookOver = holder === 'damaged' ? { pid: 0, startedAt: '' } : holder;
    const stale = `${path}.${randomUUID()}.stale`;
    if (!(await rename(path, stale).then(() => true, () => false))) continue;
    const moved = await readLockFile(stale);
    // Another agent replaced the stale lock between our read and our rename: give its lock back.
    if (!same(moved, holder)) await link(stale, path).catch(() => undefined);
    await rm(stale, { force: true });
  }
  throw new Error(`Cannot take ${path}: other agents keep starting on ${home}.`);
}

function lockHandle(path: string, info: HomeLockInfo, tookOver: HomeLockInfo | undefined): HomeLock {
  const ours = async () => same(await readLockFile(path), info);
  return {
    path,
    info,
    ...(tookOver ? { tookOver } : {}),
    async setUrl(url) {
      if (!(await ours())) return;
      const aside = `${path}.${randomUUID()}.url`;
      await writeFile(aside, JSON.stringify({ ...info, url }) + '\n', { mode: 0o600 });
      await rename(aside, path);
    },
    async release() {
      if (await ours()) await rm(path, { force: true });
    },
  };
}
