import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding, NumberedScanBatchEvent, ScanState } from '@afterimage/contracts';
import { LocalAgentServices } from './agent-services.js';
import { batchScanEvents } from './scan-event-batches.js';
import { scanMedia, thumbnailForFinding } from './scan-pipeline.js';
import { ScanSession } from './scan-session.js';
import { prepareDemoCard } from './sources.js';
import { openStore } from './store/open-store.js';

const finding = (id: string): Finding => ({
  id,
  format: 'jpeg',
  extension: 'jpg',
  mimeType: 'image/jpeg',
  name: `${id}.jpg`,
  origin: 'lost',
  foundBy: 'carving',
  byteRuns: [{ offset: 0, length: 10 }],
  size: 10,
  sha256: '0'.repeat(64),
  validation: { state: 'complete', reasons: [] },
  metadata: {},
  hasThumbnail: false,
});

async function collect(events: AsyncIterable<NumberedScanBatchEvent>): Promise<NumberedScanBatchEvent[]> {
  const seen = [];
  for await (const e of events) seen.push(e);
  return seen;
}

const shape = (events: NumberedScanBatchEvent[]) => events.map(({ id, event }) => `${id}:${event.type === 'findings' ? event.findings.map((f) => f.id).join('') : event.type}`);

describe('scan events in batches', () => {
  it('sends the findings published together as one event with the id of the last, keeping progress in its place', async () => {
    const session = new ScanSession('s1', 'src', 100);
    for (const id of ['a', 'b', 'c']) session.finding(finding(id));
    session.progress({ bytesDone: 100, bytesTotal: 100 });
    for (const id of ['d', 'e']) session.finding(finding(id));
    session.finish('done');
    const all = await collect(batchScanEvents(session.eventChunks(null)));
    expect(shape(all)).toEqual(['2:abc', '3:progress', '5:de', '6:progress', '7:done']);
    // The same ids as scans.events: resuming after a batch goes on after its last finding.
    expect(shape(await collect(batchScanEvents(session.eventChunks('2'))))).toEqual(['3:progress', '5:de', '6:progress', '7:done']);
  });

  it('never puts more than the bound in one event, and a subscriber that waits gets each burst whole', async () => {
    const session = new ScanSession('s2', 'src', 100);
    const stream = collect(batchScanEvents(session.eventChunks(null), 4));
    await new Promise((resolve) => setImmediate(resolve));
    for (const id of 'abcdefghij') session.finding(finding(id));
    await new Promise((resolve) => setImmediate(resolve));
    for (const id of 'kl') session.finding(finding(id));
    session.finish('cancelled');
    expect(shape(await stream)).toEqual(['3:abcd', '7:efgh', '9:ij', '11:kl', '12:progress', '13:done']);
  });
});

describe('scans.eventBatches in the agent', () => {
  let home: string;
  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), 'agent-batches-'));
  });
  afterAll(() => rm(home, { recursive: true, force: true }));

  it('streams every finding of a scan, live and replayed from the store, in the order scans.events has them', async () => {
    const store = openStore(join(home, 'afterimage.db'));
    const agent = new LocalAgentServices({ version: 'test', demoCard: await prepareDemoCard(home), pipeline: scanMedia, thumbnail: thumbnailForFinding, store });
    const [card] = await agent.listSources();
    const scan = await agent.startScan({ sourceId: card!.id });
    const live = await collect(agent.scanEventBatches({ scanId: scan.id }, undefined));
    const done = live.at(-1)!.event as { type: 'done'; state: ScanState };
    expect(done.state).toMatchObject({ status: 'done', findingCount: 7 });
    const stored = await agent.listFindings(scan.id);
    const batched = (events: NumberedScanBatchEvent[]) => events.flatMap(({ event }) => (event.type === 'findings' ? event.findings.map((f) => f.id) : []));
    expect(batched(live)).toEqual(stored.map((f) => f.id));
    await agent.shutdown();
    store.close();

    // After a restart the finished scan is replayed from the store: its 7 findings in one event.
    const again = openStore(join(home, 'afterimage.db'));
    const restarted = new LocalAgentServices({ version: 'test', pipeline: scanMedia, thumbnail: thumbnailForFinding, store: again });
    const replayed = await collect(restarted.scanEventBatches({ scanId: scan.id }, undefined));
    expect(replayed.map((e) => e.event.type)).toEqual(['findings', 'progress', 'done']);
    expect(replayed[0]).toMatchObject({ id: '6' });
    expect(batched(replayed)).toEqual(stored.map((f) => f.id));
    again.close();
  });
});
