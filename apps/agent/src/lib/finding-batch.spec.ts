import { describe, expect, it } from 'vitest';
import type { Finding } from '@afterimage/contracts';
import { FindingBatch } from './finding-batch.js';

const finding = (id: string) => ({ id }) as Finding;

describe('FindingBatch', () => {
  it('stores findings in batches and hands on only those the store took, after it took them', async () => {
    const stored: string[][] = [];
    const published: string[] = [];
    const seen = new Set<string>();
    const batch = new FindingBatch(
      (found) => {
        stored.push(found.map((f) => f.id));
        const fresh = found.filter((f) => !seen.has(f.id));
        for (const f of fresh) seen.add(f.id);
        return fresh;
      },
      (f) => {
        // Published only once stored.
        expect(stored.flat()).toContain(f.id);
        published.push(f.id);
      },
      3,
      20,
    );
    for (const id of ['a', 'b', 'c', 'd', 'a']) batch.add(finding(id));
    expect(stored).toEqual([['a', 'b', 'c']]);
    expect(published).toEqual(['a', 'b', 'c']);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(stored).toEqual([['a', 'b', 'c'], ['d', 'a']]);
    expect(published).toEqual(['a', 'b', 'c', 'd']);
    batch.flush();
    expect(stored).toHaveLength(2);
  });
});
