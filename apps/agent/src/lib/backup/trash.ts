import { canTrash, type BackupTarget, type TrashAbility, type TrashedItem } from '@afterimage/cloud-adapters';
import { ServiceError, type BackupTargetConfig, type TrashItem, type TrashList, type TrashListRequest, type TrashRestoreRequest, type TrashRestoreResult } from '@afterimage/contracts';
import { describeTarget, plainReason, toServiceError } from './errors.js';
import type { BackupTargets } from './targets.js';

/** A trash longer than this is listed up to here (the rest after a restore). */
export const MAX_TRASH_ITEMS = 10_000;

async function collect(target: BackupTarget & TrashAbility, mediaOnly: boolean, signal?: AbortSignal): Promise<TrashedItem[]> {
  const items: TrashedItem[] = [];
  for await (const item of target.listTrash({ mediaOnly, ...(signal ? { signal } : {}) })) {
    items.push(item);
    if (items.length >= MAX_TRASH_ITEMS) break;
  }
  return items;
}

/** The target's trash ability, or why it has none (its `limits.trash`, in plain words). */
async function trashOf(targets: BackupTargets, config: BackupTargetConfig): Promise<{ target: BackupTarget & TrashAbility } | { reason: string }> {
  const unusable = await targets.unusable(config);
  if (unusable) return { reason: unusable };
  const target = targets.instance(config);
  if (!canTrash(target)) return { reason: target.limits.trash ?? `${describeTarget(config)} has no trash that can be listed.` };
  return { target };
}

const toItem = (targetId: string, item: TrashedItem): TrashItem => ({
  targetId,
  id: item.id,
  name: item.name,
  ...(item.path !== undefined ? { path: item.path } : {}),
  ...(item.size !== undefined && Number.isSafeInteger(item.size) && item.size >= 0 ? { size: item.size } : {}),
  ...(item.deletedAt ? { deletedAt: item.deletedAt } : {}),
  ...(item.mimeType ? { mimeType: item.mimeType } : {}),
});

/** The photos and videos in the trash of every target that has one; the others say why they have none. */
export async function listTrash(targets: BackupTargets, request: TrashListRequest, signal?: AbortSignal): Promise<TrashList> {
  const configs = request.targetId ? [targets.get(request.targetId)] : targets.list();
  const result: TrashList = { items: [], unavailable: [] };
  for (const config of configs) {
    const trash = await trashOf(targets, config);
    if ('reason' in trash) {
      result.unavailable.push({ targetId: config.id, title: describeTarget(config), reason: trash.reason });
      continue;
    }
    try {
      for (const item of await collect(trash.target, true, signal)) result.items.push(toItem(config.id, item));
    } catch (error) {
      if (request.targetId) throw toServiceError(error, config);
      result.unavailable.push({ targetId: config.id, title: describeTarget(config), reason: plainReason(error, config) });
    }
  }
  return result;
}

/** Puts items back from one target's trash, each on its own (one that fails does not stop the others). */
export async function restoreTrash(targets: BackupTargets, request: TrashRestoreRequest, signal?: AbortSignal): Promise<TrashRestoreResult> {
  const config = targets.get(request.targetId);
  const trash = await trashOf(targets, config);
  if ('reason' in trash) throw new ServiceError('BAD_REQUEST', `Nothing can be restored from ${config.id} (${describeTarget(config)}): ${trash.reason}`);
  const listed = await collect(trash.target, false, signal).catch((error: unknown) => Promise.reject(toServiceError(error, config)));
  const byId = new Map(listed.map((item) => [item.id, item]));
  const result: TrashRestoreResult = { restored: [], failed: [] };
  for (const id of new Set(request.itemIds)) {
    const item = byId.get(id);
    if (!item) {
      result.failed.push({ id, reason: `${id} is not in the trash of ${describeTarget(config)} (list it with 'afterimage trash list --target ${config.id}').` });
      continue;
    }
    try {
      const stored = await trash.target.restore(item, signal);
      result.restored.push({ id, name: item.name, path: stored.path });
    } catch (error) {
      result.failed.push({ id, reason: plainReason(error, config) });
    }
  }
  return result;
}
