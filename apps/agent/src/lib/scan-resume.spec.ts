import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding, ScanState } from '@afterimage/contracts';
import { LocalAgentServices, type ScanPipeline } from './agent-services.js';
import { createScanPipeline, thumbnailForFinding } from './scan-pipeline.js';
import { ScanThread, threadedScanPipeline } from './scan-thread/index.js';
import { prepareDemoCard } from './sources.js';
import { openStore } from './store/open-store.js';

let home: string;
beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'resume-'));
});
// Images are scanned on the agent's scanning thread, as the running agent scans them.
const thread = new ScanThread();
afterAll(async () => {
  await thread.close();
  await rm(home, { recursive: true, force: true });
});

const checkpointEvery = 1 << 20;
const pipeline = threadedScanPipeline(thread, createScanPipeline({ checkpointEvery }), { checkpointEvery });
const key = (f: Finding) => `${f.byteRuns[0]!.offset}:${f.sha256}:${f.originalPath ?? f.name}`;

async function untilDone(services: LocalAgentServices, scanId: string): Promise<ScanState> {
  for await (const { event } of services.scanEvents({ scanId }, undefined)) if (event.type === 'done') return event.state;
  throw new Error('no done event');
}

describe('an agent killed mid-scan', () => {
  it('goes on from the last checkpoint when it starts again, and ends with what a whole scan finds, each once', async () => {
    const demoCard = await prepareDemoCard(home);
    const make = (db: string, scan: ScanPipeline) => new LocalAgentServices({ version: 'test', demoCard, pipeline: scan, thumbnail: thumbnailForFinding, store: openStore(join(home, db)) });

    // A raw dump (no filesystem: carved at every byte) with the demo card's photos spread through
    // 24 MiB, so the scan checkpoints (every 4 MiB chunk) between them.
    const card = await readFile(demoCard!.path);
    const whole = make('whole.db', pipeline);
    const onCard = await whole.startScan({ sourceId: 'demo-card', includeLive: true });
    await untilDone(whole, onCard.id);
    const photos = (await whole.listFindings(onCard.id)).slice(0, 6);
    const dump = Buffer.alloc(24 << 20);
    photos.forEach((p, i) => card.copy(dump, (i * 4 + 1) * (1 << 20) + 1001 * i, p.byteRuns[0]!.offset, p.byteRuns[0]!.offset + p.size));
    await writeFile(join(home, 'dump.img'), dump);
    const { id: sourceId } = await whole.addImageSource({ path: join(home, 'dump.img') });
    const reference = await whole.startScan({ sourceId });
    expect((await untilDone(whole, reference.id)).status).toBe('done');
    const expected = (await whole.listFindings(reference.id)).map(key).sort();
    expect(expected).toHaveLength(6);

    // The first agent "dies" right after storing its second checkpoint: its scan stops there and
    // nothing is finished (the pipeline never returns), as when the process is killed.
    let checkpoints = 0;
    let died!: () => void;
    const dead = new Promise<void>((resolve) => (died = resolve));
    const kill = new AbortController();
    const dying: ScanPipeline = (source, options) =>
      pipeline(source, {
        ...options,
        signal: kill.signal,
        onCheckpoint: (checkpoint) => {
          options.onCheckpoint?.(checkpoint);
          if (++checkpoints === 2) kill.abort();
        },
      }).then(
        () => Promise.reject(new Error('the scan should have been killed')),
        () => {
          died();
          return new Promise<void>(() => undefined);
        },
      );
    const first = make('agent.db', dying);
    await first.addImageSource({ path: join(home, 'dump.img') });
    const sent = thread.scansSent;
    const started = await first.startScan({ sourceId: (await first.listSources()).find((s) => s.kind === 'image')!.id });
    await dead;
    expect(thread.scansSent).toBe(sent + 1);
    const before = await first.getScan(started.id);
    expect(before.status).toBe('running');
    expect(before.progress.bytesDone).toBeLessThan(before.progress.bytesTotal / 2);
    const foundBefore = (await first.listFindings(started.id)).length;
    expect(foundBefore).toBeLessThan(expected.length);

    const second = make('agent.db', pipeline);
    expect(await second.resumeInterrupted()).toEqual([started.id]);
    const state = await untilDone(second, started.id);
    expect(thread.scansSent).toBe(sent + 2);
    expect(state.status).toBe('done');
    const findings = await second.listFindings(started.id);
    expect(findings.map(key).sort()).toEqual(expected);
    expect(state.findingCount).toBe(expected.length);
    expect((await second.listScans()).map((s) => [s.id, s.status])).toEqual([[started.id, 'done']]);
  });
});
