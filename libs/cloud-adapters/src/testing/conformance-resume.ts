import { expect } from 'vitest';
import type { PutProgress } from '../lib/backup-target.js';
import { METADATA_ALLOWANCE, type ConformanceContext } from './conformance-context.js';
import { countingSource, expectedOf, isAbort, MapSessionStore, objectsAt, photoLike, readBack } from './helpers.js';

/** The resumable protocol: progress, cancelling, and resuming an interrupted upload from what was committed. */
export function resumeConformance(ctx: ConformanceContext): void {
  ctx.test('large', async () => {
    const target = await ctx.fresh();
    const path = ctx.path('videos/VID_0001.mp4');
    const bytes = photoLike(ctx.largeSize, 7);
    const reports: PutProgress[] = [];
    const faults = ctx.harness.faults;
    const before = faults?.bytesReceived() ?? 0;
    await target.put(path, countingSource(bytes), expectedOf(bytes), { onProgress: (p) => reports.push({ ...p }) });
    expect(reports.length, 'progress reports (one per chunk at least)').toBeGreaterThanOrEqual(2);
    let previous = 0;
    for (const report of reports) {
      expect(report.size).toBe(bytes.length);
      expect(report.committed).toBeLessThanOrEqual(bytes.length);
      expect(report.committed, 'progress never goes back').toBeGreaterThanOrEqual(previous);
      previous = report.committed;
    }
    expect(previous, 'the last progress report').toBe(bytes.length);
    if (faults) {
      const sent = faults.bytesReceived() - before;
      expect(sent, 'bytes the provider received').toBeGreaterThanOrEqual(bytes.length);
      expect(sent, 'bytes the provider received').toBeLessThan(bytes.length * 1.1 + METADATA_ALLOWANCE);
    }
    expect((await readBack(target, path)).equals(bytes)).toBe(true);
  });

  ctx.test('abort', async () => {
    const target = await ctx.fresh();
    const path = ctx.path('videos/VID_0002.mp4');
    const bytes = photoLike(ctx.largeSize, 8);
    const controller = new AbortController();
    const onProgress = (p: PutProgress) => p.committed >= bytes.length / 3 && controller.abort();
    const error = await target.put(path, countingSource(bytes), expectedOf(bytes), { signal: controller.signal, onProgress }).then(
      () => new Error('the put finished although it was aborted at a third'),
      (e: unknown) => e,
    );
    expect(controller.signal.aborted, 'progress reached a third').toBe(true);
    expect(isAbort(error), `rejected with an AbortError, not ${String(error)}`).toBe(true);
    expect(await target.stat(path)).toBeNull();
    expect(await objectsAt(target, path)).toEqual([]);
  });

  ctx.test('resume', async () => {
    const target = await ctx.fresh();
    const path = ctx.path('videos/VID_0003.mp4');
    const bytes = photoLike(ctx.largeSize, 9);
    const sessions = new MapSessionStore();
    const controller = new AbortController();
    const faults = ctx.harness.faults;
    const before = faults?.bytesReceived() ?? 0;
    const onProgress = (p: PutProgress) => p.committed >= bytes.length / 3 && controller.abort();
    const first = await target.put(path, countingSource(bytes), expectedOf(bytes), { signal: controller.signal, onProgress, sessions }).catch((e: unknown) => e);
    expect(isAbort(first), `the first attempt was interrupted: ${String(first)}`).toBe(true);
    const stored = await target.put(path, countingSource(bytes), expectedOf(bytes), { sessions });
    expect(stored.size).toBe(bytes.length);
    if (faults) expect(faults.bytesReceived() - before, 'bytes received over both attempts').toBeLessThan(bytes.length * 1.6);
    expect((await readBack(target, path)).equals(bytes)).toBe(true);
    expect(await objectsAt(target, path)).toHaveLength(1);
    expect([...sessions.entries.keys()], 'sessions left in the store after success').toEqual([]);
  });
}
