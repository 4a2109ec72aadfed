import { expect } from 'vitest';
import { METADATA_ALLOWANCE, type ConformanceContext } from './conformance-context.js';
import type { ConformanceFaults } from './conformance.js';
import { countingSource, expectedOf, MapSessionStore, objectsAt, photoLike, readBack } from './helpers.js';

/**
 * Faults injected by the emulator into a resumable upload of ~3.5 chunks. Each ends with the user's
 * check: the bytes read back are the bytes sent, there is exactly one object at the path, and the
 * bytes the emulator received show what was resent.
 */
export function faultConformance(ctx: ConformanceContext): void {
  /** Puts a fresh large file under the given faults; returns the bytes the emulator received meanwhile. */
  async function upload(faults: ConformanceFaults, name: string, seed: number): Promise<number> {
    const target = await ctx.fresh();
    const path = ctx.path(`videos/${name}`);
    const bytes = photoLike(ctx.largeSize, seed);
    const before = faults.bytesReceived();
    const stored = await target.put(path, countingSource(bytes), expectedOf(bytes), { sessions: new MapSessionStore() });
    const received = faults.bytesReceived() - before;
    expect(stored.size).toBe(bytes.length);
    expect((await readBack(target, path)).equals(bytes), 'the bytes read back').toBe(true);
    expect(await objectsAt(target, path), 'objects at the path').toHaveLength(1);
    return received;
  }

  ctx.faultTest('rateLimit', async (faults) => {
    faults.add({ kind: 'rate-limit', ...faults.chunk, retryAfterSeconds: 1, times: 1 });
    const received = await upload(faults, 'VID_0429.mp4', 429);
    // The refused chunk's body was sent before the 429 came back: it counts, once.
    expect(received, 'bytes received: the file and the one refused chunk').toBeLessThan(ctx.largeSize + ctx.harness.resumableAbove + METADATA_ALLOWANCE);
  });

  ctx.faultTest('serverErrors', async (faults) => {
    faults.add({ kind: 'server-error', ...faults.chunk, times: 2 });
    const received = await upload(faults, 'VID_0500.mp4', 500);
    expect(received, 'bytes received: the file and the two refused chunks').toBeLessThan(ctx.largeSize + 2 * ctx.harness.resumableAbove + METADATA_ALLOWANCE);
  });

  ctx.faultTest('cut', async (faults) => {
    faults.add({ kind: 'cut-request', ...faults.chunk, skip: 1, times: 1 });
    const received = await upload(faults, 'VID_0cut.mp4', 0xc);
    // The cut chunk's first half is lost and the chunk is sent again: under one chunk more than the file.
    expect(received, 'bytes received, the resent part included').toBeLessThan(ctx.largeSize + ctx.harness.resumableAbove + METADATA_ALLOWANCE);
  });

  ctx.faultTest('dropFinish', async (faults) => {
    faults.add({ kind: 'drop-response', ...faults.finish, times: 1 });
    await upload(faults, 'VID_drop.mp4', 0xd);
  });

  ctx.faultTest('expire', async (faults) => {
    faults.add({ kind: 'expire-session', ...faults.chunk, skip: 1, times: 1 });
    const received = await upload(faults, 'VID_0exp.mp4', 0xe);
    // A new session may have to start from zero; never more than the file twice.
    expect(received).toBeLessThan(ctx.largeSize * 2 + METADATA_ALLOWANCE);
  });
}
