import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeviceSchema } from '@afterimage/contracts';
import { afterimage } from './testing/cli-harness.js';

let home: string;
beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'cli-devices-'));
});
afterAll(async () => rm(home, { recursive: true, force: true }));

const COMMANDS = ['devices', 'image', 'scan', 'findings', 'recover', 'sessions', 'agent', 'backup', 'trash'];

describe('afterimage devices', () => {
  it('prints the disks as a JSON array of devices, removable ones first', async () => {
    const run = await afterimage(['devices', '--json'], home);
    expect(run.code).toBe(0);
    const devices = DeviceSchema.array().parse(JSON.parse(run.stdout));
    const removable = devices.map((d) => d.removable);
    expect(removable).toEqual([...removable].sort((a, b) => Number(b) - Number(a)));
  });

  it('prints a table with one row per disk and partition', async () => {
    const listing = async () => DeviceSchema.array().parse(JSON.parse((await afterimage(['devices', '--json'], home)).stdout));
    const count = (ds: Awaited<ReturnType<typeof listing>>): number => ds.reduce((n, d) => n + 1 + count(d.partitions), 0);
    // The table is compared with a listing taken just before and after it: other suites attach and
    // detach loop devices meanwhile, so a listing that changed around the table is taken again.
    let json = await listing();
    let run = await afterimage(['devices'], home);
    for (let again = 0; again < 4; again++) {
      const after = await listing();
      if (JSON.stringify(after) === JSON.stringify(json)) break;
      json = after;
      run = await afterimage(['devices'], home);
    }
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    if (json.length === 0) return expect(lines).toEqual(['No disks were found.']);
    expect(lines[0]).toMatch(/^DEVICE\s+SIZE\s+MODEL\s+TRANSPORT\s+REMOVABLE\s+MOUNTED AT\s+NOTE$/);
    expect(lines).toHaveLength(1 + count(json));
    for (const d of json.filter((x) => x.isSystem)) expect(lines.find((l) => l.startsWith(d.path))).toContain('SYSTEM');
  });
});

describe('afterimage --help and bad usage', () => {
  it('lists every command', async () => {
    const run = await afterimage(['--help'], home);
    expect(run.code).toBe(0);
    for (const command of COMMANDS) expect(run.stdout).toContain(`afterimage ${command}`);
    expect(run.stdout).toContain('130');
  });

  it.each(COMMANDS)("'%s --help' shows its usage, options and examples", async (command) => {
    const run = await afterimage([command, '--help'], home);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^Usage: afterimage ${command}`));
    const examples = run.stdout.split('Examples:\n')[1]?.split('\n\n')[0]?.split('\n') ?? [];
    expect(examples.filter((l) => l.startsWith(`  afterimage ${command}`)).length).toBeGreaterThanOrEqual(1);
    expect(examples.length).toBeGreaterThanOrEqual(2);
  });

  it.each(COMMANDS)("'%s --frobnicate' is bad usage (exit 2), said in one line", async (command) => {
    const run = await afterimage([command, '--frobnicate'], home);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('--frobnicate');
  });
});
