'use client';
import type { BackupStatus, BackupStatusShow } from '@afterimage/contracts';
import { useCallback, useEffect, useRef, useState } from 'react';
import { plainError, type AgentClient } from './agent-client';

export type BackupStatusState =
  | { status: 'loading' }
  | { status: 'ready'; data: BackupStatus; refreshing: boolean }
  | { status: 'error'; message: string; data?: BackupStatus };

/** Photos per page of the per-photo table. */
export const PHOTO_PAGE = 25;

/** Which page of the per-photo table is asked for: a page number, which photos, a name to find. */
export interface PhotoQuery {
  page: number;
  show: BackupStatusShow;
  name: string;
}

/**
 * The 3-2-1 totals of every photo and one page of photos (the agent pages and counts them, so
 * 100,000 photos cost what 25 do); reload keeps what is shown until the answer comes, and an answer
 * to an older question is dropped.
 */
export function useBackupStatus(client: AgentClient, agentUrl: string) {
  const [state, setState] = useState<BackupStatusState>({ status: 'loading' });
  const [query, setQueryState] = useState<PhotoQuery>({ page: 0, show: 'all', name: '' });
  const asked = useRef(0);
  const reload = useCallback(() => {
    const n = ++asked.current;
    setState((s) => (s.status === 'ready' ? { ...s, refreshing: true } : s));
    const name = query.name.trim();
    client.backup.status.query({ limit: PHOTO_PAGE, offset: query.page * PHOTO_PAGE, show: query.show, ...(name ? { name } : {}) }).then(
      (data) => {
        if (n !== asked.current) return;
        // The list shrank under the page (photos now meet 3-2-1): go to its last page.
        const last = Math.max(0, Math.ceil(data.page.matching / PHOTO_PAGE) - 1);
        if (query.page > last) setQueryState((q) => ({ ...q, page: last }));
        setState({ status: 'ready', data, refreshing: false });
      },
      (error: unknown) =>
        n === asked.current && setState((s) => ({ status: 'error', message: plainError(error, agentUrl), ...(s.status === 'ready' ? { data: s.data } : {}) })),
    );
  }, [client, agentUrl, query]);
  useEffect(reload, [reload]);
  /** A new filter or name starts at the first page; a page number alone keeps the filter. */
  const setQuery = useCallback((change: Partial<PhotoQuery>) => setQueryState((q) => ({ ...q, page: 0, ...change })), []);
  return { state, reload, query, setQuery };
}
