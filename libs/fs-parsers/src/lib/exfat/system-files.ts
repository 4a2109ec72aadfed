import { readByteRuns } from '../source/read-runs.js';
import { AllocationBitmap } from './allocation-bitmap.js';
import { type SystemEntry, parseExfatDirectory } from './dir-parse.js';
import { readRootDirectory } from './directory-reader.js';
import { EXFAT_LIMITS, type ExfatContext } from './exfat-context.js';
import { liveRuns } from './file-runs.js';
import { upcaseFromTable } from './upcase-table.js';

export interface SystemFiles {
  label?: string;
  bitmap: AllocationBitmap;
  upcase?: (unit: number) => number;
  notes: string[];
}

/**
 * The root's system entries: the volume label, the allocation bitmap that belongs to the active FAT,
 * and the up-case table (its checksum verified). `ctx` has no bitmap yet (an unknown one).
 */
export async function readSystemFiles(ctx: ExfatContext): Promise<SystemFiles> {
  const notes: string[] = [];
  const root = await readRootDirectory(ctx);
  notes.push(...root.notes.map((note) => `root directory: ${note}`));
  const parsed = root.bytes ? parseExfatDirectory(root.bytes) : undefined;
  const { clusterCount, activeFat } = ctx.geometry;

  let bitmap = new AllocationBitmap(ctx.source, undefined, clusterCount);
  const bitmapEntry = parsed?.bitmaps.find((b) => b.flags === activeFat) ?? parsed?.bitmaps[0];
  if (!bitmapEntry) {
    notes.push('no allocation bitmap in the root directory: every cluster is reported free, and deleted files cannot be checked');
  } else {
    const runs = await systemRuns(ctx, bitmapEntry, 'allocation bitmap', notes);
    bitmap = new AllocationBitmap(ctx.source, runs, clusterCount);
    const needed = Math.ceil(clusterCount / 8);
    if (bitmap.readableBytes < needed) {
      notes.push(`the allocation bitmap covers ${bitmap.readableBytes} of the ${needed} bytes the clusters need; the rest count as in use`);
    }
  }

  let upcase: ((unit: number) => number) | undefined;
  if (!parsed?.upcase) notes.push('no up-case table in the root directory; name hashes not checked');
  else if (parsed.upcase.dataLength > EXFAT_LIMITS.maxUpcaseBytes || parsed.upcase.dataLength === 0) {
    notes.push(`the up-case table claims ${parsed.upcase.dataLength} bytes; not read, name hashes not checked`);
  } else {
    const runs = await systemRuns(ctx, parsed.upcase, 'up-case table', notes);
    const bytes = await readByteRuns(ctx.source, runs, EXFAT_LIMITS.maxUpcaseBytes);
    const table = bytes.length === parsed.upcase.dataLength ? upcaseFromTable(bytes, parsed.upcase.checksum) : { note: 'the up-case table is cut short' };
    if (table.note) notes.push(table.note);
    upcase = table.upcase;
  }
  const label = parsed?.volumeLabel || undefined;
  return { ...(label ? { label } : {}), bitmap, ...(upcase ? { upcase } : {}), notes };
}

/** A system file's runs by its FAT chain; read as contiguous when the chain is broken. */
async function systemRuns(ctx: ExfatContext, entry: SystemEntry, what: string, notes: string[]) {
  const extent = { firstCluster: entry.firstCluster, length: entry.dataLength };
  const chained = await liveRuns(ctx, { ...extent, noFatChain: false });
  if (chained.notes.length === 0) return chained.byteRuns;
  const contiguous = await liveRuns(ctx, { ...extent, noFatChain: true });
  notes.push(`${what}: ${chained.notes.join('; ')}; read as ${contiguous.byteRuns.length > 0 ? 'contiguous clusters' : 'nothing'}`);
  notes.push(...contiguous.notes.map((note) => `${what}: ${note}`));
  return contiguous.byteRuns;
}
