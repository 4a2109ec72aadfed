import { readFile, writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ImagingState, Source } from '@afterimage/contracts';
import { type AgentProcess, IMAGING_AGENT_CHILD, isRunning, runAgentProcess, trpc } from '../testing/agent-processes.js';
import type { FaultPlan, ReadRecord } from '../testing/faulty-source.js';
import { patternedBytes } from '../testing/faulty-source.js';
import type { ImagingAgentJob } from '../testing/imaging-agent-child.js';
import { expectedBlocks, expectedImage, imageHash, readsOfFinished, savedBlocks, scratchFolder, sha256 } from '../testing/imaging-fixtures.js';

// The real agent in its own process, killed with SIGKILL while it images a slow, failing disk, then
// started again on the same home: the job must still be listed, go on from its map and finish.
const SIZE = 2 * 1024 * 1024;
const SEED = 11;
const BAD = [
  { first: 100, count: 60 },
  { first: 2000, count: 300 },
  { first: 3500, count: 2 },
];
// Every read waits a little, so the agent is still at work when it is killed.
const PLAN: FaultPlan = { bad: BAD, slow: [{ first: 0, count: SIZE / 512, delayMs: 4 }] };

let folder: Awaited<ReturnType<typeof scratchFolder>>;
let bytes: Buffer;
beforeAll(async () => {
  folder = await scratchFolder('imaging-restart');
  bytes = patternedBytes(SIZE, SEED);
  await writeFile(folder.file('disk.img'), bytes);
});
afterAll(() => folder.cleanup());

async function agentOn(readsLog: string): Promise<AgentProcess> {
  const job: ImagingAgentJob = { home: folder.file('home'), plan: PLAN, readsLog, saveIntervalMs: 30 };
  const agent = await runAgentProcess([JSON.stringify(job)], IMAGING_AGENT_CHILD);
  if (!isRunning(agent)) throw new Error(`the agent did not start (exit ${agent.code}): ${agent.stderr}`);
  return agent;
}

const readsIn = async (log: string): Promise<ReadRecord[]> =>
  (await readFile(log, 'utf8').catch(() => ''))
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as ReadRecord);

const getJob = (agent: AgentProcess, imagingId: string) => trpc<ImagingState>(agent, 'imaging.get', { imagingId });

describe('an imaging job outlives the agent', () => {
  it('is listed after the agent was killed mid-way, goes on from its map, finishes, and reads nothing twice', async () => {
    const imagePath = folder.file('rescue/disk-copy.img');
    const first = await agentOn(folder.file('reads-1.jsonl'));
    let started: ImagingState;
    try {
      const source = await trpc<Source>(first, 'sources.addImage', { path: folder.file('disk.img') }, 'mutation');
      started = await trpc<ImagingState>(first, 'imaging.start', { sourceId: source.id, imagePath }, 'mutation');
      // Killed while it scrapes the bad areas sector by sector: well past the first pass, far from done.
      await vi.waitFor(async () => expect((await getJob(first, started.id)).progress?.phase).toBe('scraping'), { timeout: 120_000, interval: 20 });
    } finally {
      await first.stop('SIGKILL');
    }
    const atKill = await savedBlocks(started.mapPath, SIZE);
    expect(atKill.some((block) => block.status === '+')).toBe(true);
    expect(atKill.some((block) => block.status !== '+' && block.status !== '-')).toBe(true);
    expect((await readsIn(folder.file('reads-1.jsonl'))).length).toBeGreaterThan(0);

    const second = await agentOn(folder.file('reads-2.jsonl'));
    try {
      const listed = await trpc<ImagingState[]>(second, 'imaging.list');
      expect(listed.map((job) => job.id)).toEqual([started.id]);
      expect(listed[0]).toMatchObject({ imagePath, mapPath: started.mapPath, sourceId: started.sourceId });
      expect(listed[0]?.progress?.bytesRescued).toBeGreaterThan(0);
      await vi.waitFor(async () => expect((await getJob(second, started.id)).status).not.toBe('running'), { timeout: 120_000, interval: 100 });
      const done = await getJob(second, started.id);
      expect(done).toMatchObject({ status: 'done', complete: true, imageSourceId: expect.any(String) });
    } finally {
      await second.stop();
    }
    expect(await savedBlocks(started.mapPath, SIZE)).toEqual(expectedBlocks(SIZE, BAD));
    expect(await imageHash(imagePath)).toBe(sha256(expectedImage(bytes, BAD)));
    const resumedReads = await readsIn(folder.file('reads-2.jsonl'));
    expect(resumedReads.length).toBeGreaterThan(0);
    expect(readsOfFinished(resumedReads, atKill)).toEqual([]);
  });
});
