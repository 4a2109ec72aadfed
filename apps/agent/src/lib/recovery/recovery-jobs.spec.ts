import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding, RecoveryEvent, RecoveryReport, ScanState, Source } from '@afterimage/contracts';
import { openFileSource, type ByteSource } from '@afterimage/fs-parsers';
import { FindingsRepo } from '../store/findings-repo.js';
import { openStore, type Db } from '../store/open-store.js';
import { RecoveriesRepo } from '../store/recoveries-repo.js';
import { SessionsRepo } from '../store/sessions-repo.js';
import { RecoveryJobs } from './recovery-jobs.js';

let home: string;
let image: Buffer;
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

// Three photos in an image: a small one, one of 3 MiB (read in 1 MiB chunks), a small one.
const PLACES = [
  { offset: 0, length: 4096 },
  { offset: 8192, length: 3 << 20 },
  { offset: (3 << 20) + 16384, length: 4096 },
];

function finding(i: number): Finding {
  const run = PLACES[i]!;
  return {
    id: `f-${i}`,
    format: 'jpeg',
    extension: 'jpg',
    mimeType: 'image/jpeg',
    name: `IMG_000${i}.JPG`,
    origin: 'deleted',
    foundBy: 'carving',
    byteRuns: [run],
    size: run.length,
    sha256: sha(image.subarray(run.offset, run.offset + run.length)),
    validation: { state: 'complete', reasons: [] },
    metadata: {},
    hasThumbnail: false,
  };
}

/**
 * The image, whose reads outside the first photo wait until the gate opens. By place, not by count:
 * a recovery copies two files side by side, and which of them reads first is the thread pool's choice.
 */
function gated(source: ByteSource): { source: ByteSource; open(): void } {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const free = PLACES[0]!;
  const inFree = (o: number, l: number) => o >= free.offset && o + l <= free.offset + free.length;
  return { source: { label: source.label, size: source.size, read: async (o, l) => (inFree(o, l) || (await gate), source.read(o, l)), close: () => source.close() }, open };
}

async function setUp(name: string): Promise<{ db: Db; jobs: RecoveryJobs; gate: () => void; path: string }> {
  const path = join(home, `${name}.img`);
  await writeFile(path, image);
  const db = openStore(join(home, `${name}.db`));
  const source: Source = { id: 'src', kind: 'image', label: 'card.img', path, sizeBytes: image.length };
  const state: ScanState = { id: 'scan', sourceId: 'src', status: 'done', startedAt: '2026-01-01T00:00:00.000Z', progress: { bytesDone: 1, bytesTotal: 1, rateBytesPerSecond: 0, findingsByFormat: {} }, findingCount: 3 };
  const sessions = new SessionsRepo(db);
  sessions.saveSource(source);
  sessions.createScan(state, { sourceId: 'src' });
  const findings = new FindingsRepo(db);
  findings.add('scan', [0, 1, 2].map(finding));
  // The first photo is read at once; the big one and the last one wait for the gate.
  const bytes = gated(await openFileSource(path));
  const host = { scan: async () => state, source: () => source, reader: async () => ({ options: { source: bytes.source }, close: () => bytes.source.close() }) };
  return { db, jobs: new RecoveryJobs(host, { db, findings, version: 'test' }), gate: bytes.open, path };
}

async function firstVerified(jobs: RecoveryJobs, jobId: string): Promise<void> {
  for await (const { event } of jobs.events({ jobId })) if (event.type === 'file' && event.file.outcome === 'verified') return;
}

async function end(jobs: RecoveryJobs, jobId: string): Promise<Extract<RecoveryEvent, { type: 'done' }>> {
  let last: RecoveryEvent | undefined;
  for await (const { event } of jobs.events({ jobId, files: 'none' })) last = event;
  return last as Extract<RecoveryEvent, { type: 'done' }>;
}

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'recovery-jobs-'));
  image = randomBytes((3 << 20) + 32768);
});
afterAll(async () => rm(home, { recursive: true, force: true }));

describe('stopping a recovery', () => {
  it('cancelled in the middle of a file: that file is dropped, the ones before are in report.json', async () => {
    const { db, jobs, gate } = await setUp('cancel');
    const destination = join(home, 'cancel-out');
    const job = await jobs.start({ scanId: 'scan', destination });
    await firstVerified(jobs, job.id);
    const cancelling = jobs.cancel(job.id);
    gate();
    const cancelled = await cancelling;
    expect(cancelled).toMatchObject({ status: 'cancelled', recovered: 1, failed: 0, progress: { filesTotal: 3, filesDone: 1 } });
    const report = JSON.parse(await readFile(join(destination, 'report.json'), 'utf8')) as RecoveryReport;
    expect(report.files.map((f) => f.findingId)).toEqual(['f-0']);
    expect((await readdir(join(destination, 'lost'))).sort()).toEqual(['IMG_0000.JPG']);
    expect((await end(jobs, job.id)).job).toEqual(cancelled);
    await expect(jobs.outcome(job.id)).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(jobs.cancel(job.id)).rejects.toMatchObject({ code: 'CONFLICT' });
    db.close();
  });

  it('an agent that stops ends its recoveries as failed, saying why; one killed is marked failed at the next start', async () => {
    const { db, jobs, gate } = await setUp('shutdown');
    const job = await jobs.start({ scanId: 'scan', destination: join(home, 'shutdown-out') });
    await firstVerified(jobs, job.id);
    const stopping = jobs.shutdown();
    gate();
    await stopping;
    expect(jobs.get(job.id)).toMatchObject({ status: 'failed', recovered: 1, error: expect.stringMatching(/agent stopped/) });

    const repo = new RecoveriesRepo(db);
    repo.start({ id: 'rec-killed', scanId: 'scan', destination: join(home, 'killed'), status: 'running', startedAt: new Date().toISOString() });
    const next = new RecoveryJobs({ scan: async () => Promise.reject(new Error('unused')), source: () => ({}) as Source, reader: async () => Promise.reject(new Error('unused')) }, { db, findings: new FindingsRepo(db), version: 'test' });
    expect(next.get('rec-killed')).toMatchObject({ status: 'failed', error: expect.stringMatching(/agent stopped during this recovery/) });
    expect(next.get(job.id).status).toBe('failed');
    db.close();
  });

  it('refuses a second recovery into the folder one is writing', async () => {
    const { db, jobs, gate } = await setUp('busy');
    const destination = join(home, 'busy-out');
    const job = await jobs.start({ scanId: 'scan', destination, findingIds: ['f-0', 'f-1', 'f-0'] });
    expect(job.progress).toMatchObject({ filesTotal: 2 });
    await expect(jobs.start({ scanId: 'scan', destination })).rejects.toMatchObject({ code: 'CONFLICT' });
    gate();
    const done = await end(jobs, job.id);
    expect(done.job).toMatchObject({ status: 'done', recovered: 2, progress: { bytesDone: 4096 + (3 << 20) } });
    expect(sha(await readFile(join(destination, done.report!.files[1]!.path)))).toBe(done.report!.files[1]!.sha256);
    db.close();
  });
});
