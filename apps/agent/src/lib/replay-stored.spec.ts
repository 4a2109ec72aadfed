import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Source } from '@afterimage/contracts';
import { RecoveryJobs } from './recovery/recovery-jobs.js';
import { numbered, replayStored } from './replay-stored.js';
import { FindingsRepo } from './store/findings-repo.js';
import { openStore } from './store/open-store.js';
import { RecoveriesRepo } from './store/recoveries-repo.js';
import { SessionsRepo } from './store/sessions-repo.js';

async function ids<E>(events: AsyncIterable<{ id: string; event: E }>): Promise<string[]> {
  const seen: string[] = [];
  for await (const { id } of events) seen.push(id);
  return seen;
}

describe('a stored job replayed to a late subscriber', () => {
  it('gives the events after the id it last had, and its end even past that id', async () => {
    const events = () => numbered(['a', 'b', 'c'], 4);
    expect(await ids(replayStored(events(), null))).toEqual(['4', '5', '6']);
    expect(await ids(replayStored(events(), '4'))).toEqual(['5', '6']);
    expect(await ids(replayStored(events(), '9'))).toEqual([]);
    expect(await ids(replayStored(events(), '9', { id: '7', event: 'end' }))).toEqual(['7']);
  });

  describe('a recovery that ran before the agent restarted', () => {
    let home: string;
    beforeAll(async () => {
      home = await mkdtemp(join(tmpdir(), 'replay-stored-'));
    });
    afterAll(async () => rm(home, { recursive: true, force: true }));

    it('is its last progress and its end; a client holding an id of the old stream hears the end', async () => {
      const db = openStore(join(home, 'agent.db'));
      const progress = { filesTotal: 2, filesDone: 2, recovered: 1, failed: 1, bytesTotal: 10, bytesDone: 10 };
      const job = { id: 'rec-1', scanId: 'scan', destination: join(home, 'out'), status: 'running' as const, startedAt: '2026-01-01T00:00:00.000Z', progress };
      const sessions = new SessionsRepo(db);
      sessions.saveSource({ id: 'src', kind: 'image', label: 'card.img', path: join(home, 'card.img'), sizeBytes: 1 });
      sessions.createScan({ id: 'scan', sourceId: 'src', status: 'done', startedAt: job.startedAt, progress: { bytesDone: 1, bytesTotal: 1, rateBytesPerSecond: 0, findingsByFormat: {} }, findingCount: 0 }, { sourceId: 'src' });
      const repo = new RecoveriesRepo(db);
      repo.start(job);
      repo.finish({ ...job, status: 'failed', finishedAt: '2026-01-01T00:01:00.000Z', error: 'The disk was unplugged.' });
      const unused = () => Promise.reject(new Error('unused'));
      const jobs = new RecoveryJobs({ scan: unused, source: () => ({}) as Source, reader: unused }, { db, findings: new FindingsRepo(db), version: 'test' });

      const all = [];
      for await (const item of jobs.events({ jobId: 'rec-1' })) all.push(item);
      expect(all).toEqual([
        { id: '0', event: { type: 'progress', progress } },
        { id: '1', event: { type: 'done', job: expect.objectContaining({ status: 'failed', error: 'The disk was unplugged.' }) } },
      ]);
      expect(await ids(jobs.events({ jobId: 'rec-1', lastEventId: '40' }))).toEqual(['1']);
      db.close();
    });
  });
});
