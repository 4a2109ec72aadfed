import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding, NumberedScanEvent } from '@afterimage/contracts';
import { LocalAgentServices, type ScanPipeline } from './agent-services.js';
import { progressOnly } from './scan-progress-events.js';
import { thumbnailForFinding } from './scan-pipeline.js';
import { ScanSession } from './scan-session.js';
import { prepareDemoCard } from './sources.js';
import { openStore } from './store/open-store.js';

const finding = (id: string, offset = 0): Finding => ({
  id,
  format: 'jpeg',
  extension: 'jpg',
  mimeType: 'image/jpeg',
  name: `${id}.jpg`,
  origin: 'lost',
  foundBy: 'carving',
  byteRuns: [{ offset, length: 10 }],
  size: 10,
  sha256: '0'.repeat(64),
  validation: { state: 'complete', reasons: [] },
  metadata: {},
  hasThumbnail: false,
});

async function rest(stream: AsyncIterator<NumberedScanEvent>): Promise<NumberedScanEvent[]> {
  const seen: NumberedScanEvent[] = [];
  for (let next = await stream.next(); !next.done; next = await stream.next()) seen.push(next.value);
  return seen;
}

describe('scan events without findings', () => {
  it('folds what was logged into the latest progress, then passes live progress and the end, ids kept', async () => {
    const session = new ScanSession('s1', 'src', 100);
    session.progress({ bytesDone: 10, bytesTotal: 100 });
    session.finding(finding('a'));
    session.progress({ bytesDone: 100, bytesTotal: 100 });
    session.finding(finding('b'));
    const stream = progressOnly(session.events(null), session.eventCount);
    const first = await stream.next();
    expect(first.value).toEqual({ id: '2', event: { type: 'progress', progress: expect.objectContaining({ bytesDone: 100 }) } });
    session.finding(finding('c'));
    session.finish('done');
    const later = await rest(stream);
    expect(later.map((e) => [e.id, e.event.type])).toEqual([
      ['5', 'progress'],
      ['6', 'done'],
    ]);
    // Resumed after id 2: nothing logged since carries progress; the end is there.
    expect((await rest(progressOnly(session.events('2'), session.eventCount))).map((e) => [e.id, e.event.type])).toEqual([
      ['5', 'progress'],
      ['6', 'done'],
    ]);
  });
});

describe('a running scan opened by a page that pages its findings', () => {
  let home: string;
  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), 'progress-events-'));
  });
  afterAll(async () => rm(home, { recursive: true, force: true }));

  it('hears where the scan is, then its progress and its end, and no finding', async () => {
    // Three findings and a progress, then it waits until it is paused.
    const pipeline: ScanPipeline = async (_source, { sink, signal }) => {
      sink.progress({ bytesDone: 4096, bytesTotal: 1 << 20 });
      for (let i = 0; i < 3; i++) sink.finding(finding(`f-${i}`, i * 512));
      await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve()));
      throw new Error('paused');
    };
    const store = openStore(join(home, 'agent.db'));
    const services = new LocalAgentServices({ version: 'test', demoCard: await prepareDemoCard(home), pipeline, thumbnail: thumbnailForFinding, store });
    const scan = await services.startScan({ sourceId: 'demo-card' });
    const stream = services.scanEvents({ scanId: scan.id, findings: false }, undefined)[Symbol.asyncIterator]();
    const first = await stream.next();
    expect(first.value).toMatchObject({ id: '0', event: { type: 'progress', progress: { bytesDone: 4096 } } });
    await services.pauseScan(scan.id);
    const later = await rest(stream);
    expect(later.map((e) => e.event.type)).toEqual(['progress', 'done']);
    expect(later.at(-1)!.event).toMatchObject({ type: 'done', state: { status: 'paused', findingCount: 3 } });
    await services.shutdown();
    store.close();
  });
});
