import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScanStateSchema } from '@afterimage/contracts';
import { afterimage, runAgent, unpackDemoCard } from './testing/cli-harness.js';

let work: string;
let card: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'cli-lock-'));
  card = await unpackDemoCard(join(work, 'demo-card.img'));
});
afterAll(async () => rm(work, { recursive: true, force: true }));

const scansOf = async (agent: { url: string; token: string }) => {
  const response = await fetch(`${agent.url}/trpc/scans.list`, { headers: { authorization: `Bearer ${agent.token}` } });
  return ((await response.json()) as { result: { data: { id: string }[] } }).result.data.map((s) => s.id);
};

describe('commands on a home an agent holds (HOME/agent.lock)', () => {
  it('use the agent that holds the home, started without the CLI on another port, instead of failing', async () => {
    const home = join(work, 'held');
    const agent = await runAgent(home, 'agent-bin');
    try {
      // No agent.json: only the agent's own lock says where it listens.
      await expect(readFile(join(home, 'agent.json'))).rejects.toThrow();
      expect(JSON.parse(await readFile(join(home, 'agent.lock'), 'utf8'))).toMatchObject({ url: agent.url });
      const run = await afterimage(['scan', card, '--json'], home);
      expect(run.code).toBe(0);
      const state = ScanStateSchema.parse(JSON.parse(run.stdout));
      expect(state.findingCount).toBe(7);
      expect(await scansOf(agent)).toContain(state.id);
      // It lasts beyond a command, so a detached scan may go to it too.
      const detached = await afterimage(['scan', card, '--detach'], home);
      expect(detached.code).toBe(0);
      expect(await scansOf(agent)).toContain(detached.stdout.trim());
      const second = await afterimage(['agent', '--port', '0'], home);
      expect(second.code).toBe(1);
      expect(second.stderr).toContain(agent.url);
    } finally {
      await agent.stop();
    }
    await expect(readFile(join(home, 'agent.lock'))).rejects.toThrow();
  });

  it('start their private agent over a lock left by an agent that is gone', async () => {
    const home = join(work, 'stale');
    await mkdir(home, { recursive: true });
    const gone = Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);
    await writeFile(join(home, 'agent.lock'), JSON.stringify({ pid: gone, url: 'http://127.0.0.1:9', startedAt: '2026-01-01T00:00:00.000Z' }));
    const run = await afterimage(['scan', card, '--json'], home);
    expect(run.code).toBe(0);
    expect(ScanStateSchema.parse(JSON.parse(run.stdout)).status).toBe('done');
    await expect(readFile(join(home, 'agent.lock'))).rejects.toThrow();
  });
});
