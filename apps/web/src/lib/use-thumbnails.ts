'use client';
import { TRPCClientError } from '@trpc/client';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AgentClient } from './agent-client';

export type Thumb = { status: 'loading' } | { status: 'ready'; src: string } | { status: 'none' };

/** Previews kept in memory; the oldest are dropped (a 20,000-photo grid must not hold 20,000). */
const KEEP = 600;
/** Previews asked for at once; the batch link sends them in one request. */
const AT_ONCE = 8;
/** After the agent did not answer, wait this long before asking again. */
const RETRY_MS = 3000;

/**
 * Previews for the findings in view only, asked for lazily: at most AT_ONCE at a time, the ones that
 * scrolled away before their turn are skipped, and a preview the agent could not reach is asked again
 * later (one it cannot make stays "No preview"). A new `generation` forgets them all (a locked backup
 * was unlocked: its previews can be made now).
 */
export function useThumbnails(client: AgentClient, scanId: string, visibleIds: readonly string[], generation = 0) {
  const cache = useRef(new Map<string, Thumb>());
  const inflight = useRef(0);
  const wanted = useRef<readonly string[]>([]);
  const retry = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const [, setVersion] = useState(0);

  useEffect(() => {
    cache.current = new Map();
    setVersion((v) => v + 1);
    return () => clearTimeout(retry.current);
  }, [scanId, generation]);

  const put = useCallback((id: string, thumb: Thumb | undefined) => {
    const c = cache.current;
    c.delete(id);
    if (thumb) c.set(id, thumb);
    while (c.size > KEEP) {
      const oldest = c.keys().next().value;
      if (oldest === undefined) break;
      c.delete(oldest);
    }
  }, []);

  const pump = useCallback(() => {
    const c = cache.current;
    for (const id of wanted.current) {
      if (inflight.current >= AT_ONCE) return;
      if (c.has(id)) continue;
      inflight.current++;
      put(id, { status: 'loading' });
      const mine = c;
      client.findings.thumbnail
        .query({ scanId, findingId: id })
        .then(
          ({ mimeType, dataBase64 }) => ({ status: 'ready', src: `data:${mimeType};base64,${dataBase64}` }) as Thumb,
          // The agent answered that it cannot make one: keep that. It did not answer: ask again later.
          (error: unknown) => (error instanceof TRPCClientError && error.data ? ({ status: 'none' } as Thumb) : undefined),
        )
        .then((thumb) => {
          inflight.current--;
          if (cache.current !== mine) return;
          put(id, thumb);
          setVersion((v) => v + 1);
          if (thumb) pump();
          else retry.current ??= setTimeout(() => ((retry.current = undefined), pump()), RETRY_MS);
        });
    }
  }, [client, scanId, put]);

  const visibleKey = visibleIds.join(',');
  useEffect(() => {
    wanted.current = visibleKey ? visibleKey.split(',') : [];
    pump();
  }, [visibleKey, pump, generation]);

  return useCallback((id: string): Thumb | undefined => cache.current.get(id), []);
}
