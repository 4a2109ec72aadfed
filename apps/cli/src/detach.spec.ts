import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FindingsPageSchema, ScanStateSchema } from '@afterimage/contracts';
import { afterimage, runAgent, unpackDemoCard } from './testing/cli-harness.js';

let work: string;
let card: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'cli-detach-'));
  card = await unpackDemoCard(join(work, 'demo-card.img'));
});
afterAll(async () => rm(work, { recursive: true, force: true }));

/** Follows a detached scan to its end in a third command. */
async function waitForDone(id: string, home: string, extra: string[] = []) {
  const run = await afterimage(['scan', '--resume', id, '--json', ...extra], home);
  expect(run.code).toBe(0);
  return ScanStateSchema.parse(JSON.parse(run.stdout));
}

describe('afterimage scan --detach', () => {
  it('needs an agent that outlives the command: without one it says how to start one (exit 7)', async () => {
    const run = await afterimage(['scan', card, '--detach'], join(work, 'lonely-home'));
    expect(run.code).toBe(7);
    expect(run.stderr).toContain("'afterimage agent'");
  });

  it('starts a scan in an agent named with --agent and a later command lists its findings', async () => {
    const home = join(work, 'named');
    const agent = await runAgent(home, 'agent-bin');
    try {
      const started = await afterimage(['scan', card, '--detach', '--agent', agent.url], home);
      expect(started.code).toBe(0);
      const id = started.stdout.trim();
      expect(id).toMatch(/^scan-[0-9a-f]+$/);
      expect((await waitForDone(id, home, ['--agent', agent.url])).findingCount).toBe(7);
      const page = FindingsPageSchema.parse(JSON.parse((await afterimage(['findings', id, '--type', 'jpeg', '--agent', agent.url, '--json'], home)).stdout));
      expect(page.total).toBe(7);
    } finally {
      await agent.stop();
    }
  });

  it("finds the agent 'afterimage agent' runs for the same home, without --agent", async () => {
    const home = join(work, 'found');
    const agent = await runAgent(home, 'cli');
    try {
      const advert = JSON.parse(await readFile(join(home, 'agent.json'), 'utf8')) as { url: string; kind: string };
      expect(advert).toMatchObject({ url: agent.url, kind: 'foreground' });
      const started = await afterimage(['scan', card, '--detach', '--json'], home);
      expect(started.code).toBe(0);
      const state = ScanStateSchema.parse(JSON.parse(started.stdout));
      expect((await waitForDone(state.id, home)).status).toBe('done');
      const second = await afterimage(['agent', '--port', '0'], home);
      expect(second.code).toBe(1);
      expect(second.stderr).toContain(agent.url);
    } finally {
      await agent.stop();
    }
    await expect(readFile(join(home, 'agent.json'))).rejects.toThrow();
  });
});
