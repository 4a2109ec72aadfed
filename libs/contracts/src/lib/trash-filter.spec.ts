import { describe, expect, it } from 'vitest';
import type { FindingFacets } from './findings-facets.js';
import { createAppRouter } from './router.js';
import type { AgentServices } from './services.js';

/** Only the methods a test gives; the router never calls the others here. */
const caller = (services: Partial<AgentServices>) => createAppRouter().createCaller({ services: services as AgentServices });

const facets: FindingFacets = {
  total: 3,
  formats: [{ value: 'heic', count: 3 }],
  cameras: [],
  camerasOmitted: 0,
  withoutCamera: 3,
  takenAt: { withDate: 0, withoutDate: 3 },
  size: { min: 5, max: 9 },
  states: { complete: 3, truncated: 0, corrupt: 0 },
  foundBy: { filesystem: 3, carving: 0, both: 0 },
  origins: { deleted: 2, live: 1, lost: 0 },
  confidence: { high: 3, medium: 0, low: 0 },
  withoutConfidence: 0,
  trash: { 'iphone-recently-deleted': 1, 'android-trash': 1, 'android-pending': 0, 'recycle-bin': 0 },
  withoutTrash: 1,
};

describe('the trash filter and facet', () => {
  it('passes any, none and each kind of trash through to findings.page, findings.ids and recovery', async () => {
    const seen: unknown[] = [];
    const api = caller({
      findingsPage: async (request) => (seen.push(request.filter), { total: 0, offset: 0, findings: [] }),
      findingIds: async (request) => (seen.push(request.filter), { total: 0, offset: 0, ids: [] }),
      startRecovery: async (request) => (seen.push(request.filter), { id: 'rec', scanId: 's', destination: '/out', status: 'running', startedAt: '2025-01-01T00:00:00.000Z' }),
    });
    await api.findings.page({ scanId: 's', filter: { trash: ['any'] } });
    await api.findings.ids({ scanId: 's', filter: { trash: ['none', 'recycle-bin'] } });
    await api.recovery.startJob({ scanId: 's', destination: '/out', filter: { trash: ['iphone-recently-deleted', 'android-trash', 'android-pending'] } });
    expect(seen).toEqual([{ trash: ['any'] }, { trash: ['none', 'recycle-bin'] }, { trash: ['iphone-recently-deleted', 'android-trash', 'android-pending'] }]);
  });

  it('refuses a trash that is not one it knows', async () => {
    const api = caller({ findingsPage: async () => ({ total: 0, offset: 0, findings: [] }) });
    await expect(api.findings.page({ scanId: 's', filter: { trash: ['mac-trash' as 'any'] } })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(api.findings.page({ scanId: 's', filter: { trash: 'any' as unknown as ['any'] } })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('answers facets with a count for every trash and for none', async () => {
    expect(await caller({ findingFacets: async () => facets }).findings.facets({ scanId: 's', filter: { trash: ['any'] } })).toEqual(facets);
    const { 'recycle-bin': _, ...partial } = facets.trash;
    await expect(caller({ findingFacets: async () => ({ ...facets, trash: partial }) as FindingFacets }).findings.facets({ scanId: 's' })).rejects.toMatchObject({ code: 'INTERNAL_SERVER_ERROR' });
    const { withoutTrash: __, ...noNone } = facets;
    await expect(caller({ findingFacets: async () => noNone as FindingFacets }).findings.facets({ scanId: 's' })).rejects.toMatchObject({ code: 'INTERNAL_SERVER_ERROR' });
  });
});
