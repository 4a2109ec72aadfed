import { expect } from 'vitest';
import { canRemove } from '../lib/backup-target.js';
import type { ConformanceContext } from './conformance-context.js';
import { collect, countingSource, expectedOf, hashesOf, objectsAt, photoLike, readBack } from './helpers.js';

/** put/stat/list/open round trips, provider hashes, skipping what is there, refusing bad bytes, names. */
export function coreConformance(ctx: ConformanceContext): void {
  ctx.test('roundTrip', async () => {
    const target = await ctx.fresh();
    const path = ctx.path('photos/2024/IMG_0001.jpg');
    const bytes = photoLike(20_000, 1);
    const stored = await target.put(path, countingSource(bytes), expectedOf(bytes));
    expect(stored).toMatchObject({ path, size: bytes.length });
    expect(await target.stat(path)).toMatchObject({ path, size: bytes.length });
    expect((await collect(target.list(''))).map((o) => o.path)).toEqual([path]);
    expect((await readBack(target, path)).equals(bytes)).toBe(true);
  });

  ctx.test('providerHashes', async () => {
    const target = await ctx.fresh();
    const path = ctx.path('photos/IMG_0002.jpg');
    const bytes = photoLike(50_001, 2);
    const local = hashesOf(bytes, target.hashKinds);
    expect(target.hashKinds.length).toBeGreaterThan(0);
    const stored = await target.put(path, countingSource(bytes), expectedOf(bytes));
    const stat = await target.stat(path);
    const listed = (await objectsAt(target, path))[0];
    for (const kind of target.hashKinds) {
      expect(stored.hashes[kind], `${kind} from put`).toBe(local[kind]);
      expect(stat?.hashes[kind], `${kind} from stat`).toBe(local[kind]);
      expect(listed?.hashes[kind], `${kind} from list`).toBe(local[kind]);
    }
  });

  ctx.test('secondPut', async () => {
    const target = await ctx.fresh();
    const path = ctx.path('photos/IMG_0003.jpg');
    const bytes = photoLike(200_000, 3);
    const first = await target.put(path, countingSource(bytes), expectedOf(bytes));
    const faults = ctx.harness.faults;
    const before = faults?.bytesReceived() ?? 0;
    const second = await target.put(path, countingSource(bytes), expectedOf(bytes));
    if (faults) expect(faults.bytesReceived() - before, 'bytes uploaded by the second put').toBeLessThan(4096);
    expect(second.hashes).toEqual(first.hashes);
    expect(await objectsAt(target, path)).toHaveLength(1);
  });

  ctx.test('integrity', async () => {
    const target = await ctx.fresh();
    const path = ctx.path('photos/IMG_0004.jpg');
    const bytes = photoLike(30_000, 4);
    const promised = expectedOf(photoLike(30_000, 40));
    await expect(target.put(path, countingSource(bytes), promised)).rejects.toMatchObject({ name: 'IntegrityError' });
    if (canRemove(target)) expect(await target.stat(path), 'the copy left behind').toBeNull();
    else expect(target.limits.remove, 'why a bad copy may stay').toMatch(/\w+ \w+ \w+/);
  });

  ctx.test('listPrefix', async () => {
    const target = await ctx.fresh();
    const names = ctx.harness.folders ? ['a/x.jpg', 'a/b/y.jpg', 'ab/z.jpg', 'c/w.jpg'] : ['x.jpg', 'y.jpg', 'z.jpg'];
    for (const [i, name] of names.entries()) {
      const bytes = photoLike(5_000 + i, 50 + i);
      await target.put(name, countingSource(bytes), expectedOf(bytes));
    }
    const listed = async (prefix: string) => (await collect(target.list(prefix))).map((o) => o.path).sort();
    expect(await listed('')).toEqual([...names].sort());
    if (!ctx.harness.folders) return;
    expect(await listed('a')).toEqual(['a/b/y.jpg', 'a/x.jpg']);
    expect(await listed('a/b')).toEqual(['a/b/y.jpg']);
    expect(await listed('nowhere')).toEqual([]);
  });

  ctx.test('unicode', async () => {
    const target = await ctx.fresh();
    const path = ctx.path('Été 2024/Plage à Saint-Malo — 🌅 n°1.jpg');
    const bytes = photoLike(10_000, 6);
    await target.put(path, countingSource(bytes), expectedOf(bytes));
    expect((await target.stat(path))?.path).toBe(path);
    expect((await collect(target.list(''))).map((o) => o.path)).toEqual([path]);
    expect((await readBack(target, path)).equals(bytes)).toBe(true);
  });

  ctx.test('missing', async () => {
    const target = await ctx.fresh();
    const path = ctx.path('photos/not-there.jpg');
    expect(await target.stat(path)).toBeNull();
    await expect(readBack(target, path)).rejects.toMatchObject({ name: 'NotFoundError' });
  });
}
