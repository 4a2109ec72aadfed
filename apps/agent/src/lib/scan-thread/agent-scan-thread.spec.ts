import { copyFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding, ScanState, Source } from '@afterimage/contracts';
import { type AgentProcess, isRunning, runAgentProcess, trpc } from '../../testing/agent-processes.js';
import { scratchFolder } from '../../testing/imaging-fixtures.js';
import { LocalAgentServices } from '../agent-services.js';
import { scanMedia, thumbnailForFinding } from '../scan-pipeline.js';
import { prepareDemoCard } from '../sources.js';
import { openStore } from '../store/open-store.js';

// The real agent in its own process scans an image on its scanning thread: what a client gets over
// HTTP is what the engine finds on the main thread of a test.
let folder: Awaited<ReturnType<typeof scratchFolder>>;
let agent: AgentProcess;
let image: string;
beforeAll(async () => {
  folder = await scratchFolder('agent-scan-thread');
  const demo = (await prepareDemoCard(folder.file('demo')))!;
  image = folder.file('card.img');
  await copyFile(demo.path, image);
  const started = await runAgentProcess(['--port', '0', '--home', folder.file('home'), '--no-demo']);
  if (!isRunning(started)) throw new Error(`the agent did not start (exit ${started.code}): ${started.stderr}`);
  agent = started;
});
afterAll(async () => {
  await agent?.stop();
  await folder.cleanup();
});

const withoutIds = (found: Finding[]) => found.map(({ id: _, ...rest }) => rest);

describe('a running agent', () => {
  it("scans an image on its scanning thread to the engine's findings, and stops cleanly", async () => {
    const source = await trpc<Source>(agent, 'sources.addImage', { path: image }, 'mutation');
    let state = await trpc<ScanState>(agent, 'scans.start', { sourceId: source.id, includeLive: true }, 'mutation');
    while (state.status === 'running') {
      await new Promise((resolve) => setTimeout(resolve, 50));
      state = await trpc<ScanState>(agent, 'scans.get', { scanId: state.id });
    }
    expect(state.status).toBe('done');
    const found = await trpc<Finding[]>(agent, 'scans.findings', { scanId: state.id });
    expect(found).toHaveLength(12);

    const here = new LocalAgentServices({ version: 'test', pipeline: scanMedia, thumbnail: thumbnailForFinding, store: openStore(folder.file('here.db')) });
    const local = await here.addImageSource({ path: image });
    const scan = await here.startScan({ sourceId: local.id, includeLive: true });
    for await (const { event } of here.scanEvents({ scanId: scan.id }, undefined)) if (event.type === 'done') break;
    expect(withoutIds(found)).toEqual(withoutIds(await here.listFindings(scan.id)));

    // SIGTERM: the agent ends its scanning thread, closes its store and exits.
    expect(await agent.stop('SIGTERM')).toBe(0);
  });
});
