import { mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FindingsPageSchema, ImagingStateSchema, ScanStateSchema } from '@afterimage/contracts';
import { afterimage, cliEnv, readManifest, startCli, unpackDemoCard, type DemoManifest } from './testing/cli-harness.js';

let work: string;
let home: string;
let card: string;
let manifest: DemoManifest;
let scanId: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'cli-scan-'));
  home = join(work, 'home');
  card = await unpackDemoCard(join(work, 'demo-card.img'));
  manifest = await readManifest();
});
afterAll(async () => rm(work, { recursive: true, force: true }));

describe('afterimage scan, findings and sessions (private agents on one home)', () => {
  it('scans the demo card and prints the scan id and what it found', async () => {
    const run = await afterimage(['scan', card, '--json'], home);
    expect(run.code).toBe(0);
    const state = ScanStateSchema.parse(JSON.parse(run.stdout));
    expect(state.status).toBe('done');
    expect(state.progress.findingsByFormat).toEqual({ jpeg: manifest.files.filter((f) => f.deleted).length });
    scanId = state.id;
    expect(run.stderr).toContain(scanId);
  });

  it("lists the scan's deleted JPEGs by name in a later command (the store outlives the agent)", async () => {
    const run = await afterimage(['findings', scanId, '--type', 'jpeg', '--origin', 'deleted', '--sort', 'name', '--json'], home);
    expect(run.code).toBe(0);
    const page = FindingsPageSchema.parse(JSON.parse(run.stdout));
    const deleted = manifest.files.filter((f) => f.deleted);
    expect(page.total).toBe(7);
    expect(page.findings.map((f) => f.name)).toEqual(deleted.map((f) => f.name).sort());
    expect(page.findings.map((f) => f.sha256).sort()).toEqual(deleted.map((f) => f.sha256).sort());
  });

  it('filters by date and size, sorts newest first, pages, and shows a table with the total', async () => {
    const deleted = manifest.files.filter((f) => f.deleted);
    const late = deleted.filter((f) => f.takenAt >= '2024-06-15T12:00').sort((a, b) => b.takenAt.localeCompare(a.takenAt));
    const run = await afterimage(['findings', scanId, '--taken-from', '2024-06-15T12:00', '--taken-to', '2024-06-15', '--sort', 'takenAt', '--desc', '--limit', '2', '--json'], home);
    const page = FindingsPageSchema.parse(JSON.parse(run.stdout));
    expect(page.total).toBe(late.length);
    expect(page.findings.map((f) => f.name)).toEqual(late.slice(0, 2).map((f) => f.name));
    const big = deleted.filter((f) => f.size >= 15000);
    const sized = FindingsPageSchema.parse(JSON.parse((await afterimage(['findings', scanId, '--min-size', '15000', '--json'], home)).stdout));
    expect(sized.findings.map((f) => f.name).sort()).toEqual(big.map((f) => f.name).sort());
    const table = await afterimage(['findings', scanId, '--sort', 'name', '--limit', '3'], home);
    expect(table.code).toBe(0);
    const lines = table.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^NAME\s+TYPE\s+SIZE\s+TAKEN\s+CAMERA\s+HOW FOUND\s+STATE\s+CONFIDENCE\s+ORIGINAL PATH$/);
    expect(lines[1]).toContain(deleted.map((f) => f.name).sort()[0]);
    expect(lines.at(-1)).toBe(`Showing 1-3 of 7 findings in ${scanId} (by name); next page: --offset 3.`);
  });

  it('refuses bad filter values (exit 2) and an unknown scan (exit 3)', async () => {
    const bad = await afterimage(['findings', scanId, '--origin', 'stolen'], home);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('deleted, live, lost');
    expect((await afterimage(['findings', scanId, '--sort', 'colour'], home)).code).toBe(2);
    expect((await afterimage(['findings', scanId, '--limit', '0'], home)).code).toBe(2);
    expect((await afterimage(['findings', 'scan-nope'], home)).code).toBe(3);
  });

  it('lists the scan in sessions, with its source and findings', async () => {
    const run = await afterimage(['sessions', '--json'], home);
    expect(run.code).toBe(0);
    const listed = JSON.parse(run.stdout) as { scans: unknown[]; imaging: unknown[]; sources: { id: string; path: string }[] };
    const scans = listed.scans.map((s) => ScanStateSchema.parse(s));
    listed.imaging.forEach((j) => ImagingStateSchema.parse(j));
    const scan = scans.find((s) => s.id === scanId);
    expect(scan).toMatchObject({ status: 'done', findingCount: 7 });
    expect(listed.sources.find((s) => s.id === scan?.sourceId)?.path).toBe(card);
    const table = await afterimage(['sessions'], home);
    expect(table.stdout).toMatch(new RegExp(`${scanId}\\s+${card.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s+done\\s+\\S+ \\S+\\s+100%\\s+7`));
  });

  it('pauses at Ctrl-C (exit 130) and goes on with --resume to the end', async () => {
    const blank = join(work, 'blank.img');
    await writeFile(blank, '');
    await truncate(blank, 1024 ** 3);
    let pressed = false;
    const run = await startCli(['scan', blank], cliEnv(home), (stderr, child) => {
      if (!pressed && /Scanning as scan-/.test(stderr)) {
        pressed = true;
        child.kill('SIGINT');
      }
    });
    expect(run.code).toBe(130);
    const id = /afterimage scan --resume (scan-[0-9a-f]+)/.exec(run.stderr)?.[1];
    expect(id).toBeDefined();
    const paused = ScanStateSchema.array().parse(JSON.parse((await afterimage(['sessions', '--json'], home)).stdout).scans).find((s) => s.id === id);
    expect(paused?.status).toBe('paused');
    const resumed = await afterimage(['scan', '--resume', id!, '--json'], home);
    expect(resumed.code).toBe(0);
    expect(ScanStateSchema.parse(JSON.parse(resumed.stdout))).toMatchObject({ id, status: 'done', progress: { bytesDone: 1024 ** 3 } });
  });
});
