'use client';
import type { TrashItem, TrashPreview } from '@afterimage/contracts';
import { TRPCClientError } from '@trpc/client';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AgentClient } from './agent-client';

export type TrashThumbState = { status: 'loading' } | { status: 'ready'; src: string; width: number; height: number } | { status: 'none'; reason: string };

/** Thumbnails kept in the page; the oldest are dropped. */
const KEEP = 300;
/** Thumbnails asked for at once (the agent reads a few from the providers at a time anyway). */
const AT_ONCE = 4;
/** After the agent did not answer, wait this long before asking again. */
const RETRY_MS = 3000;

export const previewKey = (item: Pick<TrashItem, 'targetId' | 'id'>) => `${item.targetId}\u0000${item.id}`;

/** The agent's answer as something to show; its refusal as "none" with its words; no answer as undefined (ask again). */
export async function fetchPreview(client: AgentClient, item: TrashItem, size: 'thumb' | 'large'): Promise<TrashThumbState | undefined> {
  try {
    return shown(await client.trash.preview.query({ targetId: item.targetId, itemId: item.id, size }));
  } catch (error) {
    if (error instanceof TRPCClientError && error.data) return { status: 'none', reason: error.message };
    return undefined;
  }
}

const shown = (preview: TrashPreview): TrashThumbState =>
  preview.available ? { status: 'ready', src: `data:${preview.mimeType};base64,${preview.dataBase64}`, width: preview.width, height: preview.height } : { status: 'none', reason: preview.reason };

/**
 * Thumbnails of trashed items, asked for only while their place is on screen (a thumbnail reports
 * itself with `show(item, true)` from an IntersectionObserver), AT_ONCE at a time; one that scrolled
 * away before its turn is skipped. A preview the agent could not make stays "none" with its reason;
 * one it did not answer is asked again later.
 */
export function useTrashPreviews(client: AgentClient) {
  const cache = useRef(new Map<string, TrashThumbState>());
  const wanted = useRef(new Map<string, TrashItem>());
  const inflight = useRef(0);
  const retry = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const [, setVersion] = useState(0);

  useEffect(() => () => clearTimeout(retry.current), []);

  const put = useCallback((key: string, thumb: TrashThumbState | undefined) => {
    const c = cache.current;
    c.delete(key);
    if (thumb) c.set(key, thumb);
    while (c.size > KEEP) {
      const oldest = c.keys().next().value;
      if (oldest === undefined) break;
      c.delete(oldest);
    }
  }, []);

  const pump = useCallback(() => {
    for (const [key, item] of wanted.current) {
      if (inflight.current >= AT_ONCE) return;
      if (cache.current.has(key)) continue;
      inflight.current++;
      put(key, { status: 'loading' });
      void fetchPreview(client, item, 'thumb').then((thumb) => {
        inflight.current--;
        put(key, thumb);
        setVersion((v) => v + 1);
        if (thumb) pump();
        else retry.current ??= setTimeout(() => ((retry.current = undefined), pump()), RETRY_MS);
      });
    }
  }, [client, put]);

  /** An item's thumbnail place came into view (or left it). */
  const show = useCallback(
    (item: TrashItem, visible: boolean) => {
      const key = previewKey(item);
      if (visible) wanted.current.set(key, item);
      else wanted.current.delete(key);
      if (visible) pump();
    },
    [pump],
  );

  const thumbOf = useCallback((item: TrashItem): TrashThumbState | undefined => cache.current.get(previewKey(item)), []);
  return { show, thumbOf };
}
