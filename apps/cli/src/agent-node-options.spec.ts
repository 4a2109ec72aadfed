import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAgent } from './testing/cli-harness.js';

let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'cli-agent-options-'));
});
afterAll(async () => rm(work, { recursive: true, force: true }));

describe('the agent the CLI starts', () => {
  it.runIf(process.platform === 'linux')("runs with the node options its launcher's #! line asks for (its heap settings)", async () => {
    const home = join(work, 'home');
    const agent = await runAgent(home, 'cli');
    try {
      const advert = JSON.parse(await readFile(join(home, 'agent.json'), 'utf8')) as { pid: number };
      // The agent's own process (behind the CLI's lifeline launcher), as the kernel started it.
      const argv = (await readFile(`/proc/${advert.pid}/cmdline`, 'utf8')).split('\0');
      expect(argv).toContain('--max-semi-space-size=2');
      expect(argv.indexOf('--max-semi-space-size=2')).toBeLessThan(argv.findIndex((a) => a.endsWith('afterimage-agent.mjs')));
    } finally {
      await agent.stop();
    }
  });
});
