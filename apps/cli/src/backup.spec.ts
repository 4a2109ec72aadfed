import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BackupAdapterSchema, BackupJobStateSchema, BackupStatusSchema, BackupTargetConfigSchema, RecoveryReportSchema, TrashListSchema, type BackupTargetConfig, type RecoveryReport } from '@afterimage/contracts';
import { afterimage, runAgent, unpackDemoCard } from './testing/cli-harness.js';

let work: string;
let home: string;
let report: RecoveryReport;
let near: BackupTargetConfig;
let far: BackupTargetConfig;

const sha256 = async (file: string) => createHash('sha256').update(await readFile(file)).digest('hex');
const json = (text: string) => JSON.parse(text) as unknown;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'cli-backup-'));
  home = join(work, 'home');
  const card = await unpackDemoCard(join(work, 'demo-card.img'));
  const run = await afterimage(['recover', card, '--out', join(work, 'Recovered'), '--include-live', '--json'], home);
  expect(run.code).toBe(0);
  report = RecoveryReportSchema.parse(json(run.stdout));
});
afterAll(async () => rm(work, { recursive: true, force: true }));

describe('afterimage backup (private agents on one home)', () => {
  it('shows that freshly recovered photos are only on one disk, and exits 6 until they meet 3-2-1', async () => {
    const run = await afterimage(['backup', 'status'], home);
    expect(run.code).toBe(6);
    expect(run.stdout).toContain(`${report.files.length} photos`);
    expect(run.stdout).toContain('0 meet 3-2-1');
    expect(run.stdout).toContain('no: needs a third copy, a second kind of medium, an offsite copy');
    expect(run.stdout).toContain("No backup targets yet: add one with 'afterimage backup targets add local-folder DIR'.");
    const status = BackupStatusSchema.parse(json((await afterimage(['backup', 'status', '--json'], home)).stdout));
    expect(status.totals).toMatchObject({ photos: report.files.length, meets321: 0 });
  });

  it('shows the first photos by name and says how many there are; --all and --lacking list them all', async () => {
    const n = report.files.length;
    // By name as the agent sorts them: ASCII letters folded, then code units.
    const fold = (name: string) => name.replace(/[A-Z]/g, (c) => c.toLowerCase());
    const names = report.files.map((f) => f.name).sort((a, b) => (fold(a) < fold(b) ? -1 : fold(a) > fold(b) ? 1 : 0));
    const first = await afterimage(['backup', 'status', '--limit', '3'], home);
    expect(first.code).toBe(6);
    const lines = first.stdout.split('\n');
    expect(lines[0]).toContain(`${n} photos`);
    for (const [i, name] of names.slice(0, 3).entries()) expect(lines[3 + i]?.startsWith(`${name} `)).toBe(true);
    expect(lines[6]).toBe(`Photos 1–3 of ${n}, by name ('--all' lists every one).`);
    const every = BackupStatusSchema.parse(json((await afterimage(['backup', 'status', '--lacking', '--all', '--json'], home)).stdout));
    expect(every.photos.map((p) => p.name)).toEqual(names);
    expect(every.page).toEqual({ offset: 0, limit: n, matching: n });
    const one = await afterimage(['backup', 'status', '--name', names[0]!.slice(0, -1)], home);
    expect(one.stdout).toContain(`Photos 1–1 of 1 that match, by name.`);
  });

  it('lists the kinds of target the agent can add, what each needs and what some cannot do', async () => {
    const run = await afterimage(['backup', 'targets', 'kinds'], home);
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toMatch(/^KIND\s+NAME\s+NEEDS\s+MEDIUM\s+OFFSITE$/);
    expect(lines.slice(1, 6).map((l) => l.split(/\s+/)[0])).toEqual(['local-folder', 'google-drive', 'google-photos', 'dropbox', 'onedrive']);
    expect(lines[1]).toMatch(/ROOT: a full folder path\s+disk\s+with --offsite$/);
    expect(lines[4]).toMatch(/a dropbox account \(--account\), ROOT: folder in your dropbox\s+cloud\s+always$/);
    expect(run.stdout).toContain('What some cannot do:');
    expect(run.stdout).toContain('  google-photos: The Google Photos API cannot delete photos or videos');
    expect(run.stdout).toContain('  local-folder: A folder has no trash of its own to list.');
    const kinds = BackupAdapterSchema.array().parse(json((await afterimage(['backup', 'targets', 'kinds', '--json'], home)).stdout));
    expect(kinds.find((k) => k.kind === 'google-photos')).toMatchObject({ account: 'google', root: { label: 'Album' } });
  });

  it('adds two folders as targets, one kept offsite and synced by a cloud client, and lists them', async () => {
    const added = await afterimage(['backup', 'targets', 'add', 'local-folder', join(work, 'near')], home);
    expect(added.code).toBe(0);
    expect(added.stdout).toMatch(/^Backup target tgt-[0-9a-f]+: Folder or external drive .*near \(disk, onsite\)\./);
    const second = await afterimage(['backup', 'targets', 'add', 'local-folder', join(work, 'far'), '--offsite', '--medium', 'cloud', '--json'], home);
    expect(second.code).toBe(0);
    far = BackupTargetConfigSchema.parse(json(second.stdout));
    const listed = await afterimage(['backup', 'targets', '--json'], home);
    [near] = BackupTargetConfigSchema.array().parse(json(listed.stdout));
    expect(far).toMatchObject({ root: join(work, 'far'), offsite: true, medium: 'cloud' });
    const table = (await afterimage(['backup', 'targets'], home)).stdout.split('\n');
    expect(table[0]).toMatch(/^TARGET\s+KIND\s+WHERE\s+ACCOUNT\s+MEDIUM\s+PLACE\s+ADDED$/);
    expect(table[2]).toMatch(new RegExp(`^${far.id}\\s+local-folder\\s+\\S+far\\s+cloud\\s+offsite`));
  });

  it('backs every photo up to 3-2-1 with verified copies (exit 0), and a second run copies nothing', async () => {
    const run = await afterimage(['backup', 'run', '--json'], home);
    expect(run.code).toBe(0);
    const state = BackupJobStateSchema.parse(json(run.stdout));
    const n = report.files.length;
    expect(state).toMatchObject({ status: 'done', after: { photos: n, meets321: n }, failures: [] });
    expect(state.progress).toMatchObject({ uploaded: 2 * n, failed: 0 });
    for (const file of report.files) {
      for (const root of [near.root, far.root]) expect(await sha256(join(root, '2024', '06', file.name))).toBe(file.sha256);
    }
    const again = await afterimage(['backup', 'run'], home);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/: 0 uploaded, 0 already there, 0 failed/);
    expect(again.stdout).toContain(`${n} of ${n} photos meet 3-2-1`);
    const status = await afterimage(['backup', 'status'], home);
    expect(status.code).toBe(0);
    expect(status.stdout).toContain(`${n} meet 3-2-1.`);
  });

  it('says plainly that a local folder has no trash, and refuses to restore from one (exit 2)', async () => {
    const list = await afterimage(['trash', 'list'], home);
    expect(list.code).toBe(0);
    expect(list.stdout).toContain('Nothing in a trash that can be listed.');
    expect(list.stdout).toContain(`${near.id} (Folder or external drive ${near.root}) has no trash to list: A folder has no trash of its own to list.`);
    expect(TrashListSchema.parse(json((await afterimage(['trash', 'list', '--target', far.id, '--json'], home)).stdout)).unavailable).toHaveLength(1);
    const restore = await afterimage(['trash', 'restore', 'some-item', '--target', near.id], home);
    expect(restore.code).toBe(2);
    expect(restore.stderr.trim().split('\n')).toEqual([`afterimage: Nothing can be restored from ${near.id} (Folder or external drive ${near.root}): A folder has no trash of its own to list.`]);
    expect((await afterimage(['trash', 'restore', 'x', '--target', 'tgt-nope'], home)).code).toBe(3);
  });

  it('forgets the copies of a removed target: the photos lack again (exit 6)', async () => {
    const removed = await afterimage(['backup', 'targets', 'remove', far.id], home);
    expect(removed.code).toBe(0);
    const status = await afterimage(['backup', 'status'], home);
    expect(status.code).toBe(6);
    expect(status.stdout).toContain('no: needs a third copy, a second kind of medium, an offsite copy');
  });

  it('reports the files a target refuses, with the reason, counts none of them, and exits 6', async () => {
    const blocked = join(work, 'blocked');
    await mkdir(blocked, { recursive: true });
    await writeFile(join(blocked, '2024'), 'a file where the year folder would go');
    const add = await afterimage(['backup', 'targets', 'add', 'local-folder', blocked, '--offsite', '--medium', 'cloud', '--json'], home);
    const target = BackupTargetConfigSchema.parse(json(add.stdout));
    const run = await afterimage(['backup', 'run'], home);
    expect(run.code).toBe(6);
    expect(run.stdout).toMatch(new RegExp(`0 uploaded, 0 already there, ${report.files.length} failed`));
    expect(run.stdout).toContain(`FAILED ${report.files[0]!.name} → ${target.id}: Something else is in the way in Folder or external drive ${blocked}`);
    // Nothing counted for it: the photos still lack what it was to give.
    expect((await afterimage(['backup', 'status'], home)).stdout).toContain('no: needs a third copy, a second kind of medium, an offsite copy');
    expect((await afterimage(['backup', 'targets', 'remove', target.id], home)).stdout).toContain(`Removed ${target.id}`);
  });

  it('explains bad usage (exit 2) and needs a running agent for --detach (exit 7)', async () => {
    const usage = [
      ['backup'],
      ['backup', 'frobnicate'],
      ['backup', 'targets', 'add', 'local-folder'],
      ['backup', 'run', '--parallel', '99'],
      ['backup', 'targets', 'add', 'x', 'y', '--medium', 'tape'],
      ['backup', 'targets', 'kinds', 'extra'],
      ['backup', 'status', '--limit', '0'],
      ['backup', 'status', '--limit', '5', '--all'],
      ['trash', 'restore', 'x'],
      ['trash'],
    ];
    for (const args of usage) {
      const run = await afterimage(args, home);
      expect({ args, code: run.code }).toEqual({ args, code: 2 });
    }
    const unknown = await afterimage(['backup', 'targets', 'add', 'tape-robot', '/x'], home);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('No backup target kind tape-robot; this agent knows local-folder');
    const detached = await afterimage(['backup', 'run', '--detach'], join(work, 'lonely-home'));
    expect(detached.code).toBe(7);
    expect(detached.stderr).toContain("'afterimage agent'");
  });

  it('starts a job in a running agent with --detach; a later run follows it (or finds nothing left to do)', async () => {
    await afterimage(['backup', 'targets', 'add', 'local-folder', join(work, 'far'), '--offsite', '--medium', 'cloud'], home);
    const modified = async () => Promise.all(report.files.map(async (f) => (await stat(join(work, 'far', '2024', '06', f.name))).mtimeMs));
    const before = await modified();
    const agent = await runAgent(home, 'agent-bin');
    try {
      const started = await afterimage(['backup', 'run', '--detach', '--agent', agent.url], home);
      expect(started.code).toBe(0);
      expect(started.stdout.trim()).toMatch(/^bak-[0-9a-f]+$/);
      const followed = await afterimage(['backup', 'run', '--json', '--agent', agent.url], home);
      expect(followed.code).toBe(0);
      const status = BackupStatusSchema.parse(json((await afterimage(['backup', 'status', '--json', '--agent', agent.url], home)).stdout));
      expect(status.totals.meets321).toBe(report.files.length);
      // The far folder still held every photo: the job found them there by their hash and uploaded nothing.
      expect(status.photos.every((p) => p.copies.some((c) => c.location === `2024/06/${p.name}` && c.verifiedHash === p.sha256))).toBe(true);
      expect(await modified()).toEqual(before);
    } finally {
      await agent.stop();
    }
  });
});
