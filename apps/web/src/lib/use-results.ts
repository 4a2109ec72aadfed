'use client';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { AgentClient } from './agent-client';
import { DEFAULT_SORT, queryKey, toFindingFilter } from './filter-model';
import { ALL_MATCHING, chosenCount, followFilters, recoverySelection, type Selection } from './selection';
import { useFacets } from './use-facets';
import { useFilterAddress } from './use-filter-address';
import { useFindingsPages } from './use-findings-pages';

const REFRESH_MS = 1000;

/**
 * The results of one scan as the review and recover steps share them: the filters and sort, the
 * pages of findings that match, what the filters offer with counts, and the selection. While the scan finds more, the pages in view are
 * asked again at most once a second.
 */
export function useResults(client: AgentClient, agentUrl: string, scanId: string, found: number, running: boolean) {
  // The filters and sort live in the page's address too (a reload or a shared link keeps them).
  const { form, setForm, sort, setSort } = useFilterAddress();
  const filter = useMemo(() => toFindingFilter(form), [form]);
  const filtered = Object.keys(filter).length > 0;
  const pages = useFindingsPages(client, agentUrl, scanId, filter, sort);
  const { facets, trashKinds } = useFacets(client, scanId, filter, found, running);
  const [selection, setSelection] = useState<Selection>(ALL_MATCHING);

  const filterKey = queryKey(scanId, filter, DEFAULT_SORT);
  useEffect(() => setSelection(followFilters), [filterKey]);

  // Only a change in what the scan found (or its end) asks again, always with the latest query.
  const refresh = useRef(pages.refresh);
  refresh.current = pages.refresh;
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => {
    if (timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = undefined;
      refresh.current();
    }, REFRESH_MS);
  }, [found, running]);
  useEffect(() => () => clearTimeout(timer.current), []);

  // How many match, as the agent counts them (findings.page's total; the facets' until the first page).
  const matching = pages.total ?? facets?.total ?? 0;
  const forRecovery = useCallback(() => recoverySelection(selection, filter), [selection, filter]);

  return {
    form,
    setForm,
    sort,
    setSort,
    filtered,
    pages,
    facets,
    trashKinds,
    selection,
    setSelection,
    chosen: chosenCount(selection, matching),
    forRecovery,
  };
}

export type Results = ReturnType<typeof useResults>;
