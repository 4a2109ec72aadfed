import type { ByteRun, WalkOptions } from '../filesystem.js';
import { type FatContext, clipRuns, clusterOffset } from './fat-context.js';

/** Free clusters as coalesced byte runs, cut at the end of the source. */
export async function freeRanges(ctx: FatContext, options: WalkOptions = {}): Promise<ByteRun[]> {
  return collect(ctx, true, [], options.signal);
}

/** The system area (boot sector, reserved sectors, FATs, fixed root) plus every cluster in use. */
export async function allocatedRanges(ctx: FatContext, options: WalkOptions = {}): Promise<ByteRun[]> {
  return collect(ctx, false, [{ offset: 0, length: ctx.geometry.dataOffset }], options.signal);
}

async function collect(ctx: FatContext, free: boolean, runs: ByteRun[], signal?: AbortSignal): Promise<ByteRun[]> {
  const { geometry } = ctx;
  for await (const span of ctx.table.spans(signal)) {
    if (span.free !== free) continue;
    const offset = clusterOffset(geometry, span.first);
    const length = span.count * geometry.clusterSize;
    const last = runs[runs.length - 1];
    if (last && last.offset + last.length === offset) last.length += length;
    else runs.push({ offset, length });
  }
  return clipRuns(runs, ctx.source.size).runs;
}
