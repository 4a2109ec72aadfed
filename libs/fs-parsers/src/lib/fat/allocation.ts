import type { ByteRun, WalkOptions } from '../filesystem.js';
import { type ClusterLayout, type FatContext, clipRuns, clusterOffset } from './fat-context.js';
import type { ClusterSpan } from './fat-table.js';

/** Free clusters as coalesced byte runs, cut at the end of the source. */
export async function freeRanges(ctx: FatContext, options: WalkOptions = {}): Promise<ByteRun[]> {
  return spansToRuns(ctx.geometry, ctx.table.spans(options.signal), true, [], ctx.source.size);
}

/** The system area (boot sector, reserved sectors, FATs, fixed root) plus every cluster in use. */
export async function allocatedRanges(ctx: FatContext, options: WalkOptions = {}): Promise<ByteRun[]> {
  const systemArea = [{ offset: 0, length: ctx.geometry.dataOffset }];
  return spansToRuns(ctx.geometry, ctx.table.spans(options.signal), false, systemArea, ctx.source.size);
}

/**
 * Appends the spans that are free (or in use) to `runs` as coalesced byte runs, cut at the end of the
 * source. Shared with exFAT, whose spans come from its allocation bitmap instead of the FAT.
 */
export async function spansToRuns(
  layout: ClusterLayout,
  spans: AsyncIterable<ClusterSpan>,
  free: boolean,
  runs: ByteRun[],
  sourceSize: number,
): Promise<ByteRun[]> {
  for await (const span of spans) {
    if (span.free !== free) continue;
    const offset = clusterOffset(layout, span.first);
    const length = span.count * layout.clusterSize;
    const last = runs[runs.length - 1];
    if (last && last.offset + last.length === offset) last.length += length;
    else runs.push({ offset, length });
  }
  return clipRuns(runs, sourceSize).runs;
}
