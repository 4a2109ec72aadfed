import type { ReportEntry, TrashKeeper } from '@afterimage/contracts';

const ORDER: TrashKeeper[] = ['iphone-recently-deleted', 'android-trash', 'android-pending', 'recycle-bin'];

/** How many recovered files each trash had kept, in a fixed order, leaving out the ones with none. */
export function trashCounts(files: readonly Pick<ReportEntry, 'trash'>[]): [TrashKeeper, number][] {
  const counts = new Map<TrashKeeper, number>();
  for (const f of files) if (f.trash) counts.set(f.trash.by, (counts.get(f.trash.by) ?? 0) + 1);
  return ORDER.filter((by) => counts.has(by)).map((by) => [by, counts.get(by) ?? 0]);
}

/** Live Photos whose still and movie were both recovered. */
export function livePairsKept(files: readonly Pick<ReportEntry, 'findingId' | 'livePhotoPair'>[]): number {
  const ids = new Set(files.map((f) => f.findingId));
  return files.filter((f) => f.livePhotoPair && ids.has(f.livePhotoPair)).length / 2;
}
