import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type AgentProcess, isRunning, runAgentProcess } from '../testing/agent-processes.js';
import { AgentLockedError, readHomeLock, takeHomeLock } from './home-lock.js';

let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'agent-lock-'));
});
afterAll(() => rm(work, { recursive: true, force: true }));

/** The id of a process that has ended (a lock naming it is stale). */
function deadPid(): number {
  const ended = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(ended.stdout);
}

async function started(home: string): Promise<AgentProcess> {
  const agent = await runAgentProcess(['--port', '0', '--home', home, '--no-demo']);
  if (!isRunning(agent)) throw new Error(`the agent did not start (exit ${agent.code}): ${agent.stderr}`);
  return agent;
}

describe('one agent per home (HOME/agent.lock)', () => {
  it('refuses a second agent on the same home, naming the running one’s address and pid', async () => {
    const home = join(work, 'two');
    const first = await started(home);
    try {
      expect(await readHomeLock(home)).toMatchObject({ pid: first.pid, url: first.url });
      const second = await runAgentProcess(['--port', '0', '--home', home, '--no-demo']);
      expect(isRunning(second)).toBe(false);
      if (isRunning(second)) {
        await second.stop();
        return;
      }
      expect(second.code).toBe(1);
      expect(second.stderr).toContain(`Another agent is running on ${home}`);
      expect(second.stderr).toContain(`pid ${first.pid}`);
      expect(second.stderr).toContain(first.url);
      // The first one is untouched: it still answers and still holds the lock.
      expect((await fetch(`${first.url}/health`)).ok).toBe(true);
      expect(await readHomeLock(home)).toMatchObject({ pid: first.pid, url: first.url });
    } finally {
      await first.stop();
    }
    expect(await readHomeLock(home)).toBeUndefined();
  });

  it('takes over the lock of an agent that was killed, and says so', async () => {
    const home = join(work, 'killed');
    const killed = await started(home);
    await killed.stop('SIGKILL');
    expect(await readHomeLock(home)).toMatchObject({ pid: killed.pid });
    const next = await started(home);
    try {
      // It says so on stderr, which may arrive after its ready line on stdout.
      await vi.waitFor(() => expect(next.stderr()).toContain(`took over ${home}/agent.lock, left by pid ${killed.pid}, no longer running`), { timeout: 10_000 });
      expect(await readHomeLock(home)).toMatchObject({ pid: next.pid, url: next.url });
    } finally {
      await next.stop();
    }
  });

  it('lets only one of two agents starting together take a stale lock', async () => {
    const home = join(work, 'race');
    await homeWithLock(home, { pid: deadPid(), startedAt: '2026-01-01T00:00:00.000Z', url: 'http://127.0.0.1:9' });
    // Both in this process: the loser sees the winner's lock, held by a live process (this one).
    const results = await Promise.allSettled([takeHomeLock(home), takeHomeLock(home)]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r) => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect((lost[0] as PromiseRejectedResult).reason).toBeInstanceOf(AgentLockedError);
    const lock = (won[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof takeHomeLock>>>).value;
    expect(lock.tookOver?.url).toBe('http://127.0.0.1:9');
    await lock.release();
    expect(await readHomeLock(home)).toBeUndefined();
  });

  it('takes over a damaged lock file, and never removes a lock that is not its own', async () => {
    const home = join(work, 'damaged');
    await homeWithLock(home, '{"pid": "nonsense"');
    const lock = await takeHomeLock(home);
    expect(lock.tookOver).toEqual({ pid: 0, startedAt: '' });
    const foreign = JSON.stringify({ pid: process.pid, startedAt: 'another start' });
    await writeFile(lock.path, foreign);
    await lock.release();
    await lock.setUrl('http://127.0.0.1:1234');
    expect(await readFile(lock.path, 'utf8')).toBe(foreign);
  });
});

async function homeWithLock(home: string, lock: object | string): Promise<void> {
  await mkdir(home, { recursive: true });
  await writeFile(join(home, 'agent.lock'), typeof lock === 'string' ? lock : JSON.stringify(lock));
}
