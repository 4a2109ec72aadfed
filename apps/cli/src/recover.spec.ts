import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecoveryReportSchema } from '@afterimage/contracts';

const repo = resolve(import.meta.dirname, '../../..');
const bin = join(repo, 'apps/cli/bin/afterimage.mjs');
const manifest = JSON.parse(await readFile(join(repo, 'fixtures/demo-card/demo-card.json'), 'utf8')) as {
  files: { path: string; name: string; sha256: string; deleted: boolean }[];
};

function afterimage(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [bin, ...args], { env: { ...process.env, AFTERIMAGE_AGENT_URL: '', AFTERIMAGE_HOME: join(work, 'home') } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c));
    child.stderr.on('data', (c: Buffer) => (stderr += c));
    child.on('error', fail);
    child.on('exit', (code) => done({ code: code ?? -1, stdout, stderr }));
  });
}

const sha256 = async (file: string) => createHash('sha256').update(await readFile(file)).digest('hex');

let work: string;
let card: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'cli-recover-'));
  card = join(work, 'demo-card.img');
  await pipeline(createReadStream(join(repo, 'fixtures/demo-card/demo-card.img.gz')), createGunzip(), createWriteStream(card));
});
afterAll(async () => rm(work, { recursive: true, force: true }));

describe('afterimage recover (the CLI contract)', () => {
  it("recovers the demo card's deleted photos bit-exact and lists them in report.json", async () => {
    const out = join(work, 'deleted');
    const run = await afterimage(['recover', card, '--out', out]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('sha256 checked');
    const report = RecoveryReportSchema.parse(JSON.parse(await readFile(join(out, 'report.json'), 'utf8')));
    const deleted = manifest.files.filter((f) => f.deleted);
    expect(report.files.map((f) => f.sha256).sort()).toEqual(deleted.map((f) => f.sha256).sort());
    for (const entry of report.files) {
      expect(await sha256(join(out, entry.path))).toBe(entry.sha256);
      expect(entry).toMatchObject({ origin: 'deleted', foundBy: 'both', format: 'jpeg' });
      expect(entry.byteRuns.reduce((s, r) => s + r.length, 0)).toBe(entry.size);
    }
    const longName = deleted.find((f) => f.name.includes(' '));
    if (longName) expect(report.files.map((f) => f.name)).toContain(longName.name);
  });

  it('also copies the live photos with --include-live, and prints the report with --json', async () => {
    const out = join(work, 'all');
    const run = await afterimage(['recover', card, '--out', out, '--include-live', '--json']);
    expect(run.code).toBe(0);
    const report = RecoveryReportSchema.parse(JSON.parse(run.stdout));
    expect(report.files.map((f) => f.sha256).sort()).toEqual(manifest.files.map((f) => f.sha256).sort());
    const live = report.files.filter((f) => f.origin === 'live').map((f) => f.originalPath);
    expect(live.sort()).toEqual(manifest.files.filter((f) => !f.deleted).map((f) => f.path).sort());
  });

  it('says in one line that a missing source is missing (exit 3)', async () => {
    const run = await afterimage(['recover', join(work, 'nope.img'), '--out', join(work, 'x')]);
    expect(run.code).toBe(3);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('No such file');
  });

  it('refuses to write into the source (exit 4) and leaves it unchanged', async () => {
    const before = await sha256(card);
    const run = await afterimage(['recover', card, '--out', card]);
    expect(run.code).toBe(4);
    expect(run.stderr).toContain('on the source');
    expect(await sha256(card)).toBe(before);
  });

  it('explains bad usage (exit 2)', async () => {
    expect((await afterimage(['recover', card])).code).toBe(2);
    expect((await afterimage(['recover', card, '--out', join(work, 'y'), '--bogus'])).code).toBe(2);
    expect((await afterimage(['frobnicate'])).code).toBe(2);
    const help = await afterimage(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('afterimage recover SOURCE --out DIR');
  });
});
