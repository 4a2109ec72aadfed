import { describe, expect, it } from 'vitest';
import type { Finding } from './finding.js';
import { createAppRouter } from './router.js';
import type { AgentServices } from './services.js';

// Only scans.events / scans.eventBatches are called here; subscriptions are not validated on output.
const finding = (id: string) => ({ id }) as unknown as Finding;
const progress = { bytesDone: 1, bytesTotal: 2, rateBytesPerSecond: 1, findingsByFormat: {} };

async function collect(iterable: AsyncIterable<unknown>): Promise<[string, unknown][]> {
  const seen: [string, unknown][] = [];
  for await (const item of iterable) seen.push(item as [string, unknown]);
  return seen;
}

describe('scans.eventBatches', () => {
  it('sends each finding of scanEvents as a batch of one, with the same ids, when the services have no batches', async () => {
    const services = {
      scanEvents: async function* () {
        yield { id: '0', event: { type: 'finding' as const, finding: finding('a') } };
        yield { id: '1', event: { type: 'progress' as const, progress } };
      },
    } as unknown as AgentServices;
    const caller = createAppRouter().createCaller({ services });
    const seen = await collect(await caller.scans.eventBatches({ scanId: 's' }));
    expect(seen.map(([id, event]) => [id, event])).toEqual([
      ['0', { type: 'findings', findings: [finding('a')] }],
      ['1', { type: 'progress', progress }],
    ]);
  });

  it("passes on the services' own batches, and resumes after lastEventId", async () => {
    const asked: unknown[] = [];
    const services = {
      scanEvents: () => {
        throw new Error('not this one');
      },
      scanEventBatches: async function* (input: { lastEventId?: string | null }) {
        asked.push(input.lastEventId);
        yield { id: '9', event: { type: 'findings' as const, findings: [finding('b'), finding('c')] } };
      },
    } as unknown as AgentServices;
    const caller = createAppRouter().createCaller({ services });
    const seen = await collect(await caller.scans.eventBatches({ scanId: 's', lastEventId: '7' }));
    expect(seen.map(([id, event]) => [id, event])).toEqual([['9', { type: 'findings', findings: [finding('b'), finding('c')] }]]);
    expect(asked).toEqual(['7']);
  });
});
