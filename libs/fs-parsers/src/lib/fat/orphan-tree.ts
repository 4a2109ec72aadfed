import type { ByteRun } from '../filesystem.js';
import { readByteRuns } from '../source/read-runs.js';
import { type ShortDirEntry, decodeDirEntry } from './dir-entry.js';
import { type DirItem, parseDirectory } from './dir-parse.js';
import { readDeletedDirectory } from './directory-reader.js';
import { FAT_LIMITS, type FatContext, clusterOffset } from './fat-context.js';
import type { DirectoryClusterScan } from './orphan-scan.js';

/** A directory found by the free-cluster scan that no path from the root reaches. */
export interface OrphanDirectory {
  cluster: number;
  /** Its '..' cluster as stored (0: the root); absent for a later cluster whose start is lost. */
  dotParent?: number;
  /** The '.' entry: the directory's own times when no entry names it. */
  dot?: ShortDirEntry;
  runs: ByteRun[];
  items: DirItem[];
  implausible: number;
  /** Its last cluster read, and whether that one was full (no end mark): the directory goes on. */
  tail: number;
  open: boolean;
  /** The orphan directory it sits in, once linked, and the entry there that names it. */
  parent?: number;
  namedBy?: DirItem;
  notes: string[];
}

/**
 * Reads the scan's directory clusters in disk order. A head is read as a deleted directory (with
 * the free clusters right after it that hold entries). A later-cluster-looking one that nothing read
 * yet continues the directory most recently left open (full, no end mark) before it: FAT allocates
 * forward, so a directory's next cluster comes after its last. That is a guess, said in a note; with
 * no open directory it stands alone. `covered` holds the clusters the walk from the root read.
 */
export async function readOrphanDirectories(
  ctx: FatContext,
  scan: DirectoryClusterScan,
  covered: Set<number>,
  signal?: AbortSignal,
): Promise<Map<number, OrphanDirectory>> {
  const parents = new Map(scan.heads.map((h) => [h.cluster, h.parent]));
  const clusters = [...parents.keys(), ...scan.continuations].sort((a, b) => a - b);
  const dirs = new Map<number, OrphanDirectory>();
  const open: OrphanDirectory[] = [];
  for (const cluster of clusters) {
    signal?.throwIfAborted();
    if (covered.has(cluster)) continue;
    const parent = parents.get(cluster);
    const top = open[open.length - 1];
    if (parent === undefined && top && (await extend(ctx, top, cluster))) {
      covered.add(cluster);
      if (!top.open) open.pop();
      continue;
    }
    if (parent === undefined) open.pop(); // too big to grow: closed
    const dir = await readOne(ctx, cluster, parent);
    if (!dir) continue;
    for (const run of dir.runs) for (let c = 0; c * ctx.geometry.clusterSize < run.length; c++) covered.add(clusterAt(ctx, run.offset) + c);
    dirs.set(cluster, dir);
    if (dir.open) open.push(dir);
  }
  return dirs;
}

const clusterAt = (ctx: FatContext, offset: number): number => (offset - ctx.geometry.dataOffset) / ctx.geometry.clusterSize + 2;

async function readOne(ctx: FatContext, cluster: number, parent: number | undefined): Promise<OrphanDirectory | undefined> {
  const fat32 = ctx.variant.rootIsChain;
  const content =
    parent === undefined
      ? { bytes: await readByteRuns(ctx.source, [clusterRun(ctx, cluster)]), runs: [clusterRun(ctx, cluster)], notes: [] }
      : await readDeletedDirectory(ctx, cluster);
  if (!content.bytes) return undefined;
  const dot = decodeDirEntry(content.bytes, 0, fat32);
  const parsed = parseDirectory(content.bytes, fat32);
  const end = content.runs[content.runs.length - 1] as ByteRun;
  const tail = Math.floor(clusterAt(ctx, end.offset + end.length - 1));
  return {
    cluster,
    ...(parent === undefined || dot.kind !== 'short' ? {} : { dotParent: parent, dot }),
    runs: content.runs,
    items: parsed.items,
    implausible: parsed.implausible,
    tail,
    open: !parsed.ended,
    notes: [...content.notes],
  };
}

function clusterRun(ctx: FatContext, cluster: number): ByteRun {
  return { offset: clusterOffset(ctx.geometry, cluster), length: ctx.geometry.clusterSize };
}

/** Re-reads `dir` with `cluster` appended and parses it whole (long names may straddle the join). */
async function extend(ctx: FatContext, dir: OrphanDirectory, cluster: number): Promise<boolean> {
  const run = clusterRun(ctx, cluster);
  const runs = dir.runs.map((r) => ({ ...r }));
  const last = runs[runs.length - 1] as ByteRun;
  if (last.offset + last.length === run.offset) last.length += run.length;
  else runs.push(run);
  if (runs.reduce((sum, r) => sum + r.length, 0) > FAT_LIMITS.maxDirectoryBytes) return false;
  const parsed = parseDirectory(await readByteRuns(ctx.source, runs, FAT_LIMITS.maxDirectoryBytes), ctx.variant.rootIsChain);
  Object.assign(dir, { runs, items: parsed.items, implausible: parsed.implausible, tail: cluster, open: !parsed.ended });
  dir.notes.push(`continued in free cluster ${cluster}, which holds only directory entries: a guess (its chain is gone), the nearest directory before it that was full`);
  return true;
}
