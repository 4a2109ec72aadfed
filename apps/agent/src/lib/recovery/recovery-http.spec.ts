import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FindingFacets, FindingIds, RecoveryEvent, RecoveryJob, RecoveryReport, ScanEvent, ScanState } from '@afterimage/contracts';
import { mutate, query, subscribe, type SseMessage } from '../../testing/trpc-http.js';
import { startAgent, type RunningAgent } from '../start-agent.js';

let home: string;
let agent: RunningAgent;
let scan: ScanState;

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const isDone = (m: SseMessage<{ type: string }>) => m.data.type === 'done';
const follow = (jobId: string, files?: 'all' | 'failed' | 'none') => subscribe<RecoveryEvent>(agent, 'recovery.events', { jobId, ...(files ? { files } : {}) }, isDone);

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'recovery-http-'));
  agent = await startAgent({ home, port: 0, webOrigins: [] });
  const started = await mutate<ScanState>(agent, 'scans.start', { sourceId: 'demo-card', includeLive: true });
  const events = await subscribe<ScanEvent>(agent, 'scans.events', { scanId: started.id, findings: false }, isDone);
  scan = (events.at(-1)!.data as Extract<ScanEvent, { type: 'done' }>).state;
});
afterAll(async () => {
  await agent.close();
  await rm(home, { recursive: true, force: true });
});

describe('recovery jobs over HTTP', () => {
  let job: RecoveryJob;
  let report: RecoveryReport;
  const destination = () => join(home, 'By filter');

  it('recovers all that match a filter less the ones left out, with each file, progress, and a verified report', async () => {
    expect(scan).toMatchObject({ status: 'done', findingCount: 12 });
    const filter = { states: ['complete' as const] };
    const facets = await query<FindingFacets>(agent, 'findings.facets', { scanId: scan.id, filter });
    const matching = await query<FindingIds>(agent, 'findings.ids', { scanId: scan.id, filter });
    expect(matching.total).toBe(facets.total);
    expect(matching.total).toBeGreaterThan(2);
    const [left, ...chosen] = matching.ids;

    job = await mutate<RecoveryJob>(agent, 'recovery.startJob', { scanId: scan.id, destination: destination(), filter, exceptIds: [left] });
    expect(job).toMatchObject({ status: 'running', destination: destination(), progress: { filesTotal: chosen.length, filesDone: 0, bytesDone: 0 } });
    const events = await follow(job.id);
    const ids = events.map((e) => Number(e.id));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));

    const files = events.flatMap((e) => (e.data.type === 'file' ? [e.data.file] : []));
    for (const id of chosen) expect(files.filter((f) => f.findingId === id).map((f) => f.outcome)).toEqual(['written', 'verified']);
    expect(files.some((f) => f.findingId === left)).toBe(false);
    const done = events.at(-1)!.data as Extract<RecoveryEvent, { type: 'done' }>;
    const bytesTotal = job.progress!.bytesTotal;
    expect(done.job).toMatchObject({
      status: 'done',
      recovered: chosen.length,
      failed: 0,
      progress: { filesTotal: chosen.length, filesDone: chosen.length, recovered: chosen.length, failed: 0, bytesDone: bytesTotal },
      reportPath: join(destination(), 'report.json'),
      csvPath: join(destination(), 'report.csv'),
    });
    report = done.report!;
    expect(report.files.map((f) => f.findingId).sort()).toEqual([...chosen].sort());
    for (const file of report.files) expect(sha(await readFile(join(destination(), file.path)))).toBe(file.sha256);
    expect(JSON.parse(await readFile(done.job.reportPath!, 'utf8'))).toEqual(report);
    expect((await readFile(done.job.csvPath!, 'utf8')).trim().split('\r\n')).toHaveLength(chosen.length + 1);
  });

  it('answers get and list with the finished job, and replays it with only the file events asked for', async () => {
    const got = await query<RecoveryJob>(agent, 'recovery.get', { jobId: job.id });
    expect(got).toMatchObject({ status: 'done', recovered: report.files.length });
    expect((await query<RecoveryJob[]>(agent, 'recovery.list')).find((j) => j.id === job.id)).toEqual(got);
    const quiet = await follow(job.id, 'none');
    expect(quiet.map((e) => e.data.type).filter((t) => t !== 'progress')).toEqual(['done']);
    expect(quiet.at(-1)!.data).toMatchObject({ type: 'done', job: got, report });
    const failures = await follow(job.id, 'failed');
    expect(failures.some((e) => e.data.type === 'file')).toBe(false);
  });

  it('refuses ids with a filter, and a destination on the source, before anything is written', async () => {
    const before = (await query<RecoveryJob[]>(agent, 'recovery.list')).length;
    const both = mutate(agent, 'recovery.startJob', { scanId: scan.id, destination: join(home, 'both'), findingIds: ['x'], filter: {} });
    await expect(both).rejects.toMatchObject({ status: 400, serviceCode: 'BAD_REQUEST' });
    const onSource = mutate(agent, 'recovery.startJob', { scanId: scan.id, destination: join(home, 'demo', 'demo-card.img', 'out'), filter: {} });
    await expect(onSource).rejects.toMatchObject({ serviceCode: 'FORBIDDEN' });
    expect(await query<RecoveryJob[]>(agent, 'recovery.list')).toHaveLength(before);
  });

  it("keeps recovery.start (the CLI's) answering with the report, as a job the list shows", async () => {
    const one = await query<FindingIds>(agent, 'findings.ids', { scanId: scan.id, limit: 1, sort: 'name' });
    const cli = await mutate<RecoveryReport>(agent, 'recovery.start', { scanId: scan.id, destination: join(home, 'cli'), findingIds: one.ids });
    expect(cli.files.map((f) => f.findingId)).toEqual(one.ids);
    const jobs = await query<RecoveryJob[]>(agent, 'recovery.list');
    expect(jobs.at(-1)).toMatchObject({ destination: join(home, 'cli'), status: 'done', recovered: 1, progress: { filesDone: 1 } });
  });
});

describe('scans.events for a page that pages its findings', () => {
  const progressOnly = (path: string) => subscribe<ScanEvent>(agent, path, { scanId: scan.id, findings: false }, isDone);

  it('sends a finished scan as its last progress and its end, under the ids of the full stream', async () => {
    const full = await subscribe<ScanEvent>(agent, 'scans.events', { scanId: scan.id }, isDone);
    expect(full.filter((e) => e.data.type === 'finding')).toHaveLength(12);
    const lastProgress = full.filter((e) => e.data.type === 'progress').at(-1)!;
    const expected = [lastProgress, full.at(-1)!];
    expect(await progressOnly('scans.events')).toEqual(expected);
    expect(await progressOnly('scans.eventBatches')).toEqual(expected);
  });

  it('after a restart, sends the stored scan and recovery as their ends', async () => {
    await agent.close();
    agent = await startAgent({ home, port: 0, webOrigins: [] });
    const events = await progressOnly('scans.events');
    expect(events.map((e) => [e.id, e.data.type])).toEqual([
      ['12', 'progress'],
      ['13', 'done'],
    ]);
    expect(events[1]!.data).toMatchObject({ state: { id: scan.id, status: 'done', findingCount: 12 } });
    const past = (await query<RecoveryJob[]>(agent, 'recovery.list'))[0]!;
    expect(past).toMatchObject({ status: 'done', progress: { filesDone: past.recovered }, reportPath: join(home, 'By filter', 'report.json') });
    const replay = await follow(past.id);
    expect(replay.at(-1)!.data).toMatchObject({ type: 'done', job: past, report: { destination: join(home, 'By filter') } });
  });
});
