import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const launcher = resolve(import.meta.dirname, '../bin/afterimage-agent.mjs');
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'agent-launcher-'));
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

/**
 * Runs the launcher as a program (the kernel reads its #! line, as when a user types `afterimage-agent`)
 * with `probe` loaded first in its main thread; the probe prints one JSON line and exits before the agent starts.
 */
async function probeLauncher(probe: string): Promise<Record<string, unknown>> {
  const file = join(dir, `probe-${Math.random().toString(36).slice(2)}.mjs`);
  await writeFile(file, probe);
  const { stdout } = await promisify(execFile)(launcher, ['--help'], { env: { ...process.env, NODE_OPTIONS: `--import=${pathToFileURL(file).href}` } });
  return JSON.parse(stdout.trim().split('\n')[0] ?? '{}') as Record<string, unknown>;
}

describe("the agent's launcher", () => {
  it("keeps the main thread's young generation small: 300 MB of short-lived objects leave it at 2 MiB a semi-space", async () => {
    const seen = await probeLauncher(`
      import v8 from 'node:v8';
      const kept = [];
      for (let i = 0; i < 3e6; i++) {
        const o = { i, b: new Array(12).fill(i) };
        if (i % 32 === 0) { kept.push(o); if (kept.length > 8192) kept.shift(); }
      }
      const young = v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
      console.log(JSON.stringify({ execArgv: process.execArgv, youngMiB: young.space_size / 2 ** 20, kept: kept.length }));
      process.exit(0);
    `);
    expect(seen['execArgv']).toContain('--max-semi-space-size=2');
    // Two semi-spaces of 2 MiB at most; V8's default lets them grow to 16 MiB each under this load.
    expect(seen['youngMiB']).toBeLessThanOrEqual(4);
  });
});
