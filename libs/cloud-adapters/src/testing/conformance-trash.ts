import { expect } from 'vitest';
import { canRemove, canTrash } from '../lib/backup-target.js';
import type { ConformanceContext } from './conformance-context.js';
import { collect, countingSource, expectedOf, photoLike, readBack } from './helpers.js';

const SENTENCE = /\w+ \w+ \w+/;

/** Removing, and the provider's trash where there is one; where there is not, `limits` says so in words. */
export function trashConformance(ctx: ConformanceContext): void {
  ctx.test('remove', async () => {
    const target = await ctx.fresh();
    if (!canRemove(target)) {
      expect(target.limits.remove, 'limits.remove').toMatch(SENTENCE);
      return;
    }
    const path = ctx.path('photos/IMG_0100.jpg');
    const bytes = photoLike(12_000, 100);
    await target.put(path, countingSource(bytes), expectedOf(bytes));
    await target.remove(path);
    expect(await target.stat(path)).toBeNull();
    expect(await collect(target.list(''))).toEqual([]);
    await expect(readBack(target, path)).rejects.toMatchObject({ name: 'NotFoundError' });
    await expect(target.remove(path)).rejects.toMatchObject({ name: 'NotFoundError' });
  });

  ctx.test('trash', async () => {
    const target = await ctx.fresh();
    if (!canTrash(target)) {
      expect(target.limits.trash, 'limits.trash').toMatch(SENTENCE);
      return;
    }
    if (!canRemove(target)) {
      // Nothing can be put into the trash through this target; listing it must still work.
      await collect(target.listTrash());
      expect(target.limits.remove, 'limits.remove').toMatch(SENTENCE);
      return;
    }
    const path = ctx.path('photos/IMG_0101.jpg');
    const name = path.slice(path.lastIndexOf('/') + 1);
    const bytes = photoLike(15_000, 101);
    const stored = await target.put(path, countingSource(bytes), expectedOf(bytes));
    await target.remove(path);
    expect(await target.stat(path)).toBeNull();
    const trashed = (await collect(target.listTrash())).filter((item) => item.name === name);
    expect(trashed, `${name} in the trash`).toHaveLength(1);
    const [item] = trashed;
    if (!item) return;
    const restored = await target.restore(item);
    expect(restored.path).toBe(path);
    for (const kind of target.hashKinds) expect(restored.hashes[kind], kind).toBe(stored.hashes[kind]);
    const back = await target.stat(path);
    for (const kind of target.hashKinds) expect(back?.hashes[kind], `${kind} after restore`).toBe(stored.hashes[kind]);
    expect((await readBack(target, path)).equals(bytes)).toBe(true);
  });
}
