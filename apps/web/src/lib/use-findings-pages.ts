'use client';
import type { Finding, FindingFilter } from '@afterimage/contracts';
import { useCallback, useEffect, useRef, useState } from 'react';
import { plainError, type AgentClient } from './agent-client';
import { queryKey, type SortChoice } from './filter-model';
import { pagesFor } from './grid-window';

export const PAGE_SIZE = 100;

interface PageRequest {
  scanId: string;
  filter: FindingFilter;
  sort: SortChoice['sort'];
  descending: boolean;
}

interface Cache {
  key: string;
  /** The query these pages answer; a late call from an older render still asks the current one. */
  request: PageRequest;
  pages: Map<number, Finding[]>;
  /** Pages fetched since the last refresh; the others are shown but asked again when in view. */
  fresh: Set<number>;
  inflight: Map<number, Promise<void>>;
}

export interface FindingsPagesState {
  /** Findings that match, in all; undefined until the first answer. */
  total: number | undefined;
  error?: string;
}

/**
 * A scan's findings for one filter and sort, fetched through findings.page a page at a time as the
 * grid scrolls: only the pages in view are asked for, and kept. `refresh` (while a scan is still
 * finding things) asks the pages in view again, keeping the old ones on screen until the answer.
 */
/** The findings.page request a key stands for (built from the key: an equal filter object that is new does not start over). */
function requestOf(key: string): PageRequest {
  const [scanId, filter, sort, descending] = JSON.parse(key) as [string, FindingFilter, SortChoice['sort'], boolean];
  return { scanId, filter, sort, descending };
}

export function useFindingsPages(client: AgentClient, agentUrl: string, scanId: string, filter: FindingFilter, sort: SortChoice) {
  const key = queryKey(scanId, filter, sort);
  const cache = useRef<Cache>({ key, request: requestOf(key), pages: new Map(), fresh: new Set(), inflight: new Map() });
  const lastRange = useRef<[number, number]>([0, PAGE_SIZE]);
  const [state, setState] = useState<FindingsPagesState>({ total: undefined });
  const [, setArrivals] = useState(0);

  const fetchPage = useCallback(
    (page: number): Promise<void> => {
      const c = cache.current;
      const running = c.inflight.get(page);
      if (running) return running;
      const done = client.findings.page
        .query({ ...c.request, offset: page * PAGE_SIZE, limit: PAGE_SIZE })
        .then(
          (result) => {
            if (cache.current !== c) return; // the filter changed meanwhile
            c.pages.set(page, result.findings);
            c.fresh.add(page);
            setState({ total: result.total });
            setArrivals((n) => n + 1);
          },
          (error: unknown) => {
            if (cache.current === c) setState((s) => ({ ...s, error: plainError(error, agentUrl) }));
          },
        )
        .finally(() => c.inflight.delete(page));
      c.inflight.set(page, done);
      return done;
    },
    [client, agentUrl],
  );

  /** Makes sure items [first, end) are (being) fetched. */
  const ensure = useCallback(
    (first: number, end: number) => {
      lastRange.current = [first, end];
      for (const page of pagesFor(first, Math.max(end, first + 1), PAGE_SIZE)) {
        if (!cache.current.fresh.has(page)) void fetchPage(page);
      }
    },
    [fetchPage],
  );

  useEffect(() => {
    if (cache.current.key !== key) cache.current = { key, request: requestOf(key), pages: new Map(), fresh: new Set(), inflight: new Map() };
    setState({ total: undefined });
    void fetchPage(0);
  }, [key, fetchPage]);

  const refresh = useCallback(() => {
    cache.current.fresh.clear();
    const [first, end] = lastRange.current;
    ensure(first, end);
    if (first >= PAGE_SIZE) void fetchPage(0); // the total comes with every page; page 0 also shows the newest at the top
  }, [ensure, fetchPage]);

  const get = useCallback((index: number): Finding | undefined => cache.current.pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE], []);

  /** Where a finding is in the pages fetched so far (undefined when it is not among them). */
  const find = useCallback((id: string): { index: number; finding: Finding } | undefined => {
    for (const [page, findings] of cache.current.pages) {
      const at = findings.findIndex((f) => f.id === id);
      if (at >= 0) return { index: page * PAGE_SIZE + at, finding: findings[at] as Finding };
    }
    return undefined;
  }, []);

  /** Items [first, end), fetched where missing (for a shift-click range). */
  const range = useCallback(
    async (first: number, end: number): Promise<Finding[]> => {
      const c = cache.current;
      const missing = pagesFor(first, end, PAGE_SIZE).filter((p) => !c.pages.has(p));
      await Promise.all(missing.map((p) => fetchPage(p)));
      const out: Finding[] = [];
      for (let i = first; i < end; i++) {
        const f = c.pages.get(Math.floor(i / PAGE_SIZE))?.[i % PAGE_SIZE];
        if (f) out.push(f);
      }
      return out;
    },
    [fetchPage],
  );

  return { key, total: state.total, error: state.error, get, find, ensure, refresh, range };
}
