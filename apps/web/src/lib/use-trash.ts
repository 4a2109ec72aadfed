'use client';
import type { BackupTargetConfig, TrashItem, TrashList } from '@afterimage/contracts';
import { useCallback, useEffect, useState } from 'react';
import { plainError, type AgentClient } from './agent-client';

export type TrashState =
  | { status: 'loading' }
  | { status: 'ready'; trash: TrashList; targets: BackupTargetConfig[]; refreshing: boolean }
  | { status: 'error'; message: string };

/** The trash of every backup target, with the targets (to name them, with their account's title, and know their kind). */
export function useTrash(client: AgentClient, agentUrl: string) {
  const [state, setState] = useState<TrashState>({ status: 'loading' });
  const reload = useCallback(() => {
    setState((s) => (s.status === 'ready' ? { ...s, refreshing: true } : { status: 'loading' }));
    Promise.all([client.trash.list.query({}), client.backup.targets.list.query()]).then(
      ([trash, targets]) => setState({ status: 'ready', trash, targets, refreshing: false }),
      (error: unknown) => setState({ status: 'error', message: plainError(error, agentUrl) }),
    );
  }, [client, agentUrl]);
  useEffect(reload, [reload]);
  return { state, reload };
}

const RESTORE_BATCH = 1000;

export interface RestoreOutcome {
  restored: { targetId: string; id: string; name: string; path: string }[];
  failed: { targetId: string; id: string; name: string; reason: string }[];
}

/** Restores the chosen items, one call per target (at most RESTORE_BATCH items each); a target that refuses fails only its own. */
export async function restoreItems(client: AgentClient, agentUrl: string, items: readonly TrashItem[]): Promise<RestoreOutcome> {
  const outcome: RestoreOutcome = { restored: [], failed: [] };
  const byTarget = new Map<string, TrashItem[]>();
  for (const item of items) byTarget.set(item.targetId, [...(byTarget.get(item.targetId) ?? []), item]);
  for (const [targetId, all] of byTarget) {
    for (let i = 0; i < all.length; i += RESTORE_BATCH) await restoreBatch(client, agentUrl, targetId, all.slice(i, i + RESTORE_BATCH), outcome);
  }
  return outcome;
}

async function restoreBatch(client: AgentClient, agentUrl: string, targetId: string, group: TrashItem[], outcome: RestoreOutcome): Promise<void> {
  const nameOf = (id: string) => group.find((i) => i.id === id)?.name ?? id;
  try {
    const result = await client.trash.restore.mutate({ targetId, itemIds: group.map((i) => i.id) });
    outcome.restored.push(...result.restored.map((r) => ({ ...r, targetId })));
    outcome.failed.push(...result.failed.map((f) => ({ ...f, targetId, name: nameOf(f.id) })));
  } catch (error) {
    const reason = plainError(error, agentUrl);
    outcome.failed.push(...group.map((i) => ({ targetId, id: i.id, name: i.name, reason })));
  }
}
