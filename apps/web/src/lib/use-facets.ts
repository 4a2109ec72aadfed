'use client';
import type { FindingFacets, FindingFilter, TrashKeeper } from '@afterimage/contracts';
import { useEffect, useRef, useState } from 'react';
import type { AgentClient } from './agent-client';
import { DEFAULT_SORT, queryKey } from './filter-model';

/** A filter change waits this long for the next one (typing, several chips in a row) before asking. */
const FILTER_WAIT_MS = 250;
/** While a scan finds more, the counts are asked again at most this often. */
const FOUND_EVERY_MS = 1500;

/**
 * What the filters can offer, with counts (findings.facets), for the current filter: asked again
 * when the filter changes (debounced) and as the scan adds findings (at most every 1.5 s). The last
 * answer stays shown until the next one comes; an answer for an older filter is dropped.
 * `trashKinds`: every trash any answer counted something for, so a trash choice stays offered
 * (with 0) while other filters rule it out.
 */
export function useFacets(client: AgentClient, scanId: string, filter: FindingFilter, found: number, running: boolean): { facets?: FindingFacets; trashKinds: TrashKeeper[] } {
  const [facets, setFacets] = useState<FindingFacets>();
  const [trashKinds, setTrashKinds] = useState<TrashKeeper[]>([]);
  const key = queryKey(scanId, filter, DEFAULT_SORT);
  const latest = useRef({ key, filter });
  latest.current = { key, filter };
  const asked = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const lastAsk = useRef(0);

  const ask = useRef<() => void>(() => undefined);
  ask.current = () => {
    timer.current = undefined;
    lastAsk.current = Date.now();
    const { key: askedKey, filter: askedFilter } = latest.current;
    const n = ++asked.current;
    client.findings.facets
      .query({ scanId, filter: askedFilter })
      .then((answer) => {
        if (n !== asked.current || latest.current.key !== askedKey) return;
        setFacets(answer);
        const kinds = (Object.keys(answer.trash) as TrashKeeper[]).filter((k) => answer.trash[k] > 0);
        setTrashKinds((known) => (kinds.every((k) => known.includes(k)) ? known : [...new Set([...known, ...kinds])]));
      })
      .catch(() => undefined); // the counts are a help: the grid reports the agent's errors
  };

  // A new filter (or scan): ask once it has settled.
  useEffect(() => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => ask.current(), FILTER_WAIT_MS);
  }, [key]);

  // More found, or the scan ended: ask again, no more often than FOUND_EVERY_MS.
  useEffect(() => {
    if (timer.current) return;
    const wait = Math.max(0, lastAsk.current + FOUND_EVERY_MS - Date.now());
    timer.current = setTimeout(() => ask.current(), running ? wait : 0);
  }, [found, running]);

  useEffect(() => () => clearTimeout(timer.current), []);
  return { facets, trashKinds };
}
