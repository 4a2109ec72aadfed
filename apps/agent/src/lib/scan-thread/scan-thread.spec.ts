import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding, ScanState, Source } from '@afterimage/contracts';
import { bufferSource, openFileSource } from '@afterimage/fs-parsers';
import { faultySource, type SectorRange } from '../../testing/faulty-source.js';
import { scratchFolder } from '../../testing/imaging-fixtures.js';
import { SCAN_THREAD_HOOKS, type ScanThreadTestPlan } from '../../testing/scan-thread-hooks.js';
import { LocalAgentServices, type ScanPipeline } from '../agent-services.js';
import { runScan } from '../scan-runner.js';
import { scanMedia, thumbnailForFinding } from '../scan-pipeline.js';
import { ScanSession } from '../scan-session.js';
import { prepareDemoCard } from '../sources.js';
import { FindingsRepo } from '../store/findings-repo.js';
import { openStore } from '../store/open-store.js';
import { SessionsRepo } from '../store/sessions-repo.js';
import { ScanThread } from './scan-thread.js';
import { scanFileOf, threadedScanPipeline } from './thread-pipeline.js';

// Sectors 2000–2015 of the demo card lie in its FAT32 data area, among the photos.
const BAD: SectorRange = { first: 2000, count: 16 };
const plan: ScanThreadTestPlan = {
  faults: { 'bad.img': { bad: [BAD] }, 'slow.img': { slow: [{ first: 0, count: 1 << 20, delayMs: 10 }] } },
  crash: { 'crash.img': 'throw', 'exit.img': 'exit' },
};

let folder: Awaited<ReturnType<typeof scratchFolder>>;
let demoCard: Source;
let card: Buffer;
const threads: ScanThread[] = [];
const newThread = () => {
  const thread = new ScanThread({ hooks: { module: SCAN_THREAD_HOOKS, data: plan } });
  threads.push(thread);
  return thread;
};
let thread: ScanThread;

beforeAll(async () => {
  folder = await scratchFolder('scan-thread');
  demoCard = (await prepareDemoCard(folder.file('home')))!;
  card = await readFile(demoCard.path);
  for (const name of ['bad.img', 'slow.img', 'crash.img', 'exit.img']) await copyFile(demoCard.path, folder.file(name));
  const third = Math.ceil(card.length / 3);
  for (let i = 0; i < 3; i++) await writeFile(folder.file(`card.00${i + 1}`), card.subarray(i * third, (i + 1) * third));
  thread = newThread();
});
afterAll(async () => {
  await Promise.all(threads.map((t) => t.close()));
  await folder.cleanup();
});

let dbs = 0;
const agent = (pipeline: ScanPipeline, db = `agent-${++dbs}.db`) =>
  new LocalAgentServices({ version: 'test', demoCard, pipeline, thumbnail: thumbnailForFinding, store: openStore(folder.file(db)) });
const threaded = (on = thread, db?: string) => agent(threadedScanPipeline(on, scanMedia), db);

async function untilDone(services: LocalAgentServices, scanId: string): Promise<ScanState> {
  for await (const { event } of services.scanEvents({ scanId }, undefined)) if (event.type === 'done') return event.state;
  throw new Error('no done event');
}

async function scanned(services: LocalAgentServices, sourceId: string, includeLive = false): Promise<{ state: ScanState; found: Finding[] }> {
  const { id } = await services.startScan({ sourceId, includeLive });
  const state = await untilDone(services, id);
  return { state, found: await services.listFindings(id) };
}

/** Until the scan has scanned some bytes (it is running, carving). */
async function carving(services: LocalAgentServices, scanId: string): Promise<void> {
  for await (const { event } of services.scanEvents({ scanId }, undefined)) if (event.type === 'progress' && event.progress.bytesDone > 0) return;
}

const withoutIds = (found: Finding[]) => found.map(({ id: _, ...rest }) => rest);
const key = (f: Finding) => `${f.byteRuns[0]!.offset}:${f.sha256}:${f.name}`;

describe("the agent's scanning thread", () => {
  it('scans an image to the same findings as the in-process pipeline: names, hashes, validation, order', async () => {
    for (const includeLive of [false, true]) {
      const sent = thread.scansSent;
      const there = await scanned(threaded(), 'demo-card', includeLive);
      expect(thread.scansSent).toBe(sent + 1);
      const here = await scanned(agent(scanMedia), 'demo-card', includeLive);
      expect(there.state.status).toBe('done');
      expect(there.found).toHaveLength(includeLive ? 12 : 7);
      expect(withoutIds(there.found)).toEqual(withoutIds(here.found));
      expect(there.found.every((f) => /^f-[0-9a-f]{8}-[0-9a-f]{3}$/.test(f.id))).toBe(true);
      const { bytesDone, bytesTotal, findingsByFormat } = here.state.progress;
      expect(there.state.progress).toMatchObject({ bytesDone, bytesTotal, findingsByFormat });
    }
  });

  it('runs several scans at once, a split set among them, each to its own findings', async () => {
    const services = threaded();
    const split = await services.addImageSource({ path: folder.file('card.002') });
    expect(split.pieces).toHaveLength(3);
    const [a, b] = await Promise.all([services.startScan({ sourceId: split.id }), services.startScan({ sourceId: 'demo-card' })]);
    const [stateA, stateB] = await Promise.all([untilDone(services, a.id), untilDone(services, b.id)]);
    expect([stateA.status, stateB.status]).toEqual(['done', 'done']);
    const reference = withoutIds((await scanned(agent(scanMedia), 'demo-card')).found);
    expect(withoutIds(await services.listFindings(a.id))).toEqual(reference);
    expect(withoutIds(await services.listFindings(b.id))).toEqual(reference);
  });

  it("counts an image's bad sectors exactly as a scan on the main thread does", async () => {
    const run = async (pipeline: ScanPipeline, db: string) => {
      const store = openStore(folder.file(db));
      const [sessions, findings] = [new SessionsRepo(store), new FindingsRepo(store)];
      const source: Source = { id: 'src-bad', kind: 'image', label: 'bad.img', path: folder.file('bad.img'), sizeBytes: card.length };
      sessions.saveSource(source);
      const session = new ScanSession(`scan-${db}`, source.id, card.length);
      sessions.createScan(session.snapshot, { sourceId: source.id });
      // The main thread reads the same failing image (its ReadHealth reads failing areas again).
      const bytes = faultySource(await openFileSource(source.path), { bad: [BAD] });
      runScan({ session, source, bytes, request: { sourceId: source.id }, pipeline, sessions, findings });
      for await (const { event } of session.events(null)) if (event.type === 'done') return { state: event.state, found: findings.all(session.snapshot.id) };
      throw new Error('no done event');
    };
    const here = await run(scanMedia, 'bad-here.db');
    const sent = thread.scansSent;
    const there = await run(threadedScanPipeline(thread, scanMedia), 'bad-there.db');
    expect(thread.scansSent).toBe(sent + 1);
    expect(there.state.status).toBe('done');
    expect(there.state.progress).toMatchObject({ badSectors: BAD.count, unreadableBytes: BAD.count * 512, readErrors: here.state.progress.readErrors, firstReadErrorAt: here.state.progress.firstReadErrorAt });
    expect(there.state.progress.readErrors).toBeGreaterThan(0);
    expect(withoutIds(there.found)).toEqual(withoutIds(here.found));
  });

  it('leaves a device to the main thread, where its first read error stops the scan (rule 2)', async () => {
    const store = openStore(folder.file('device.db'));
    const [sessions, findings] = [new SessionsRepo(store), new FindingsRepo(store)];
    const source: Source = { id: 'src-dev', kind: 'device', label: 'card', path: '/dev/fake-card', sizeBytes: card.length };
    expect(scanFileOf(source)).toBeUndefined();
    sessions.saveSource(source);
    const session = new ScanSession('scan-dev', source.id, card.length);
    sessions.createScan(session.snapshot, { sourceId: source.id });
    const sent = thread.scansSent;
    const bytes = faultySource(bufferSource(card, 'card'), { bad: [BAD] });
    runScan({ session, source, bytes, request: { sourceId: source.id }, pipeline: threadedScanPipeline(thread, scanMedia), sessions, findings });
    let state: ScanState | undefined;
    for await (const { event } of session.events(null)) if (event.type === 'done') state = event.state;
    expect(state).toMatchObject({ status: 'failed', error: expect.stringMatching(/Make an image of it first/) });
    expect(thread.scansSent).toBe(sent);
  });

  it('pauses a scan mid-way, then goes on with it to the whole set of findings', async () => {
    const services = threaded();
    const slow = await services.addImageSource({ path: folder.file('slow.img') });
    const { id } = await services.startScan({ sourceId: slow.id });
    await carving(services, id);
    const paused = await services.pauseScan(id);
    expect(paused.status).toBe('paused');
    expect(paused.progress.bytesDone).toBeLessThan(paused.progress.bytesTotal);
    await services.resumeScan(id);
    expect((await untilDone(services, id)).status).toBe('done');
    const whole = (await scanned(agent(scanMedia), 'demo-card')).found;
    expect((await services.listFindings(id)).map(key).sort()).toEqual(whole.map(key).sort());
  });

  it('fails the running scan when the thread dies, saying so, and scans on a new thread next', async () => {
    const services = threaded();
    for (const [name, why] of [
      ['crash.img', /^The scanning thread stopped: a test crashed the scanning thread\./],
      ['exit.img', /^The scanning thread stopped: it ended with exit code 3\./],
    ] as const) {
      const source = await services.addImageSource({ path: folder.file(name) });
      const { state } = await scanned(services, source.id);
      expect(state.status).toBe('failed');
      expect(state.error).toMatch(why);
      const next = await scanned(services, 'demo-card');
      expect(next.state.status).toBe('done');
      expect(next.found).toHaveLength(7);
    }
  });

  it('warms up on a tiny image built in memory', async () => {
    expect(await newThread().warm()).toEqual({ findings: 1 });
  });

  it('stops with the agent leaving its running scan stored as running, which the next start goes on with', async () => {
    const first = newThread();
    const services = threaded(first, 'stopping.db');
    const slow = await services.addImageSource({ path: folder.file('slow.img') });
    const { id } = await services.startScan({ sourceId: slow.id });
    await carving(services, id);
    await first.close();
    expect((await services.getScan(id)).status).toBe('running');
    await expect(first.scan({ file: { path: folder.file('slow.img'), label: 'slow' }, includeLive: false, keepCorrupt: false }, undefined as never, new AbortController().signal)).rejects.toThrow(/stopping/);

    const again = threaded(newThread(), 'stopping.db');
    expect(await again.resumeInterrupted()).toEqual([id]);
    expect((await untilDone(again, id)).status).toBe('done');
    expect(await again.listFindings(id)).toHaveLength(7);
  });
});
