import type { ByteRun } from '../filesystem.js';
import type { ByteSource } from '../source/byte-source.js';
import type { Extent, VolumeHeader } from './volume-header.js';

/** What every HFS+ step reads through. */
export interface HfsContext {
  /** The source the filesystem was opened on: byte runs are in its coordinates. */
  readonly source: ByteSource;
  /** The HFS+ volume itself: `source`, or the slice of it an HFS wrapper embeds. */
  readonly volume: ByteSource;
  /** Where `volume` starts in `source` (0 unless wrapped). */
  readonly volumeOffset: number;
  readonly header: VolumeHeader;
}

/**
 * Extents as runs in volume bytes, at most `limit` bytes long in all (a fork's logical size), with
 * extents past the volume's last block cut off and said so in `notes`.
 */
export function extentRuns(header: VolumeHeader, extents: readonly Extent[], limit: number, notes: string[]): ByteRun[] {
  const runs: ByteRun[] = [];
  let left = limit;
  for (const extent of extents) {
    if (left <= 0) break;
    const end = extent.startBlock + extent.blockCount;
    if (end > header.totalBlocks) {
      notes.push(`extent ${extent.startBlock}+${extent.blockCount} runs past the volume's ${header.totalBlocks} blocks`);
      if (extent.startBlock >= header.totalBlocks) break;
    }
    const blocks = Math.min(end, header.totalBlocks) - extent.startBlock;
    const length = Math.min(blocks * header.blockSize, left);
    const offset = extent.startBlock * header.blockSize;
    const last = runs[runs.length - 1];
    if (last && last.offset + last.length === offset) last.length += length;
    else runs.push({ offset, length });
    left -= length;
    if (end > header.totalBlocks) break;
  }
  return runs;
}

/** Runs moved from volume to source coordinates and cut where the source ends (noted). */
export function toSourceRuns(ctx: HfsContext, runs: readonly ByteRun[], notes: string[]): ByteRun[] {
  const out: ByteRun[] = [];
  for (const run of runs) {
    const end = Math.min(run.offset + run.length, ctx.volume.size);
    if (end < run.offset + run.length) notes.push(`bytes past ${ctx.volumeOffset + ctx.volume.size} lie beyond the end of ${ctx.source.label}`);
    if (end > run.offset) out.push({ offset: ctx.volumeOffset + run.offset, length: end - run.offset });
    if (end < run.offset + run.length) break;
  }
  return out;
}
