import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImagingState } from '@afterimage/contracts';
import { openFileSource } from '@afterimage/fs-parsers';
import { type FaultPlan, faultySource, patternedBytes } from '../testing/faulty-source.js';
import { expectedImage, imageHash, scratchFolder, sha256 } from '../testing/imaging-fixtures.js';
import { LocalAgentServices } from './agent-services.js';
import { scanMedia, thumbnailForFinding } from './scan-pipeline.js';
import { openStore } from './store/open-store.js';

// The agent's imaging jobs over a restart in this process: shutdown() stands for SIGTERM.
const SIZE = 1024 * 1024;
const BAD = [{ first: 300, count: 40 }];
const PLAN: FaultPlan = { bad: BAD, slow: [{ first: 0, count: SIZE / 512, delayMs: 2 }] };

let folder: Awaited<ReturnType<typeof scratchFolder>>;
let bytes: Buffer;
beforeAll(async () => {
  folder = await scratchFolder('imaging-jobs');
  bytes = patternedBytes(SIZE, 3);
  await writeFile(folder.file('disk.img'), bytes);
});
afterAll(() => folder.cleanup());

/** An agent on `db` whose imaging reads a slow, failing copy of each source. */
function agentOn(db: string) {
  const store = openStore(folder.file(db));
  const imaging = { saveIntervalMs: 30, open: async (path: string) => faultySource(await openFileSource(path), PLAN) };
  const services = new LocalAgentServices({ version: 'test', pipeline: scanMedia, thumbnail: thumbnailForFinding, store, imaging });
  return { services, stop: async () => (await services.shutdown(), store.close()) };
}

async function lastState(events: AsyncIterable<{ event: { type: string; state?: ImagingState } }>): Promise<ImagingState> {
  for await (const { event } of events) if (event.type === 'done' && event.state) return event.state;
  throw new Error('no done event');
}

async function firstProgress(events: AsyncIterable<{ event: { type: string } }>): Promise<void> {
  for await (const { event } of events) if (event.type === 'progress') return;
}

describe('imaging jobs in the session database', () => {
  it('stay running over a clean stop, go on at the next start, and are listed with their end afterwards', async () => {
    const imagePath = join(folder.path, 'out', 'copy.img');
    const first = agentOn('restart.db');
    const source = await first.services.addImageSource({ path: folder.file('disk.img') });
    const started = await first.services.startImaging({ sourceId: source.id, imagePath });
    await firstProgress(first.services.imagingEvents({ imagingId: started.id }, undefined));
    await first.stop();

    const second = agentOn('restart.db');
    const [stopped] = await second.services.listImaging();
    expect(stopped).toMatchObject({ id: started.id, status: 'running', imagePath, progress: expect.objectContaining({ deviceSize: SIZE }) });
    expect(await second.services.resumeImaging()).toEqual([started.id]);
    // The same request again hands over the resumed job instead of refusing it.
    expect((await second.services.startImaging({ sourceId: source.id, imagePath })).id).toBe(started.id);
    // A client that followed it before the restart resumes after an id of the old agent: it gets the new log whole.
    const afterOldId = [];
    for await (const item of second.services.imagingEvents({ imagingId: started.id, lastEventId: '3' }, undefined)) afterOldId.push(item);
    expect(afterOldId[0]?.event).toEqual({ type: 'progress', progress: stopped?.progress });
    expect(Number(afterOldId[0]?.id)).toBeGreaterThan(3);
    const done = afterOldId.at(-1)?.event.type === 'done' ? (afterOldId.at(-1)?.event as { state: ImagingState }).state : undefined;
    expect(done).toMatchObject({ status: 'done', complete: true });
    expect(await imageHash(imagePath)).toBe(sha256(expectedImage(bytes, BAD)));
    await second.stop();

    const third = agentOn('restart.db');
    expect(await third.services.resumeImaging()).toEqual([]);
    expect(await third.services.listImaging()).toEqual([done]);
    expect(await third.services.getImaging(started.id)).toEqual(done);
    const replayed = [];
    for await (const item of third.services.imagingEvents({ imagingId: started.id }, undefined)) replayed.push(item);
    expect(replayed.map((e) => e.event.type)).toEqual(['progress', 'done']);
    await expect(third.services.cancelImaging(started.id)).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(third.services.getImaging('img-none')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await third.stop();
  });

  it('ends a cancelled job as cancelled, for good, and fails one whose source is gone at the next start', async () => {
    const first = agentOn('cancel.db');
    const source = await first.services.addImageSource({ path: folder.file('disk.img') });
    const cancelled = await first.services.startImaging({ sourceId: source.id, imagePath: folder.file('out/cancelled.img') });
    await firstProgress(first.services.imagingEvents({ imagingId: cancelled.id }, undefined));
    await first.services.cancelImaging(cancelled.id);
    expect(await lastState(first.services.imagingEvents({ imagingId: cancelled.id }, undefined))).toMatchObject({ status: 'cancelled' });
    const orphan = await first.services.startImaging({ sourceId: source.id, imagePath: folder.file('out/orphan.img') });
    await first.stop();
    // The source disappears from the database while the agent is stopped.
    const raw = openStore(folder.file('cancel.db'));
    raw.prepare("UPDATE imaging_jobs SET state = json_set(state, '$.sourceId', 'src-gone') WHERE id = ?").run(orphan.id);
    raw.close();

    const second = agentOn('cancel.db');
    expect(await second.services.resumeImaging()).toEqual([]);
    expect(await second.services.getImaging(cancelled.id)).toMatchObject({ status: 'cancelled' });
    expect(await second.services.getImaging(orphan.id)).toMatchObject({ status: 'failed', error: expect.stringMatching(/^Not resumed: No source src-gone/) });
    await second.stop();
  });
});
