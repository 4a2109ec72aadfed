import { describe, expect, it } from 'vitest';
import { createAppRouter } from './router.js';
import type { FindingFacets } from './findings-facets.js';
import type { RecoveryJob } from './recovery.js';
import type { RecoveryEventsInput } from './recovery-events.js';
import type { AgentServices } from './services.js';

/** Only the methods a test gives; the router never calls the others here. */
const caller = (services: Partial<AgentServices>) => createAppRouter().createCaller({ services: services as AgentServices });

const job: RecoveryJob = {
  id: 'rec-1',
  scanId: 's',
  destination: '/out',
  status: 'running',
  startedAt: '2025-01-01T00:00:00.000Z',
  progress: { filesTotal: 3, filesDone: 0, recovered: 0, failed: 0, bytesTotal: 30, bytesDone: 0 },
};

const facets: FindingFacets = {
  total: 1,
  formats: [{ value: 'jpeg', count: 1 }],
  cameras: [],
  camerasOmitted: 0,
  withoutCamera: 1,
  takenAt: { withDate: 0, withoutDate: 1 },
  size: { min: 5, max: 5 },
  states: { complete: 1, truncated: 0, corrupt: 0 },
  foundBy: { filesystem: 0, carving: 1, both: 0 },
  origins: { deleted: 0, live: 0, lost: 1 },
  confidence: { high: 0, medium: 1, low: 0 },
  withoutConfidence: 0,
  trash: { 'iphone-recently-deleted': 0, 'android-trash': 0, 'android-pending': 0, 'recycle-bin': 0 },
  withoutTrash: 1,
};

describe('recovery jobs and findings selection routes', () => {
  it('starts a recovery job by filter with the ids left out, and answers with the job at once', async () => {
    const requests: unknown[] = [];
    const api = caller({ startRecovery: async (request) => (requests.push(request), job) });
    expect(await api.recovery.startJob({ scanId: 's', destination: '/out', filter: { formats: ['jpeg'], camera: 'canon' }, exceptIds: ['f-2'] })).toEqual(job);
    await expect(api.recovery.startJob({ scanId: 's', destination: '/out', filter: { origins: ['gone' as 'lost'] } })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(requests).toEqual([{ scanId: 's', destination: '/out', filter: { formats: ['jpeg'], camera: 'canon' }, exceptIds: ['f-2'] }]);
  });

  it('streams a recovery with its ids and the file events asked for', async () => {
    const inputs: RecoveryEventsInput[] = [];
    const api = caller({
      recoveryEvents: async function* (input) {
        inputs.push(input);
        yield { id: '4', event: { type: 'file', file: { findingId: 'f', name: 'a.jpg', path: 'lost/a.jpg', size: 10, outcome: 'verified' } } };
        yield { id: '5', event: { type: 'done', job: { ...job, status: 'done' } } };
      },
    });
    const seen: unknown[] = [];
    for await (const item of await api.recovery.events({ jobId: 'rec-1', lastEventId: '3', files: 'failed' })) seen.push(item);
    expect(seen.map((e) => (e as unknown as [string])[0])).toEqual(['4', '5']);
    expect(inputs).toEqual([{ jobId: 'rec-1', lastEventId: '3', files: 'failed' }]);
    await expect(api.recovery.events({ jobId: 'rec-1', files: 'some' as 'all' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('pages ids with the defaults filled in and refuses more than 10,000 a call', async () => {
    const requests: unknown[] = [];
    const api = caller({ findingIds: async (request) => (requests.push(request), { total: 2, offset: 0, ids: ['a', 'b'] }) });
    expect(await api.findings.ids({ scanId: 's', filter: { states: ['complete'] }, sort: 'takenAt' })).toEqual({ total: 2, offset: 0, ids: ['a', 'b'] });
    await expect(api.findings.ids({ scanId: 's', limit: 10_001 })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(requests).toEqual([{ scanId: 's', filter: { states: ['complete'] }, sort: 'takenAt', descending: false, offset: 0, limit: 10_000 }]);
  });

  it('checks the facets coming back: every state, origin, foundBy and confidence key is there', async () => {
    expect(await caller({ findingFacets: async () => facets }).findings.facets({ scanId: 's' })).toEqual(facets);
    const { corrupt: _, ...states } = facets.states;
    await expect(caller({ findingFacets: async () => ({ ...facets, states }) as FindingFacets }).findings.facets({ scanId: 's' })).rejects.toMatchObject({ code: 'INTERNAL_SERVER_ERROR' });
  });
});
