import { EXFAT_LIMITS, type ExfatContext } from './exfat-context.js';
import { type Assembly, type OrphanDirectory, absorb, finishDirectory, readClusters } from './orphan-assembly.js';
import { continueDirectory } from './orphan-joins.js';
import type { DirectoryRef, EntryCluster, EntryClusterScan } from './orphan-scan.js';

export type { OrphanDirectory };

/**
 * Reads the scan's clusters into directories, in disk order. A cluster that a set names as a
 * sub-directory starts one (a set still in use is believed before a deleted one): contiguous over
 * its DataLength when the set says NoFatChain, else one cluster that later ones may continue. A
 * cluster that no set names continues an open directory (see orphan-joins.ts) or starts a
 * directory of its own (a top one: its set was in the old root, or was overwritten).
 * `taken` holds the clusters the walk from the root read; the clusters read here join it.
 */
export async function readOrphanDirectories(
  ctx: ExfatContext,
  scan: EntryClusterScan,
  taken: Set<number>,
  signal?: AbortSignal,
): Promise<{ dirs: Map<number, OrphanDirectory>; notes: string[] }> {
  const refs = new Map<number, DirectoryRef>();
  for (const deleted of [false, true]) {
    for (const found of scan.clusters) for (const ref of found.refs) if (ref.deleted === deleted && !refs.has(ref.firstCluster)) refs.set(ref.firstCluster, ref);
  }
  const a: Assembly = { ctx, refs, taken, open: [], budget: EXFAT_LIMITS.maxOrphanDirectoryBytes, notes: [] };
  const dirs = new Map<number, OrphanDirectory>();
  for (const found of scan.clusters) {
    signal?.throwIfAborted();
    if (taken.has(found.cluster)) continue;
    const ref = refs.get(found.cluster);
    if (!ref && (await continueDirectory(a, found))) continue;
    const dir = await readHead(a, found, ref);
    if (!dir) break;
    dirs.set(found.cluster, dir);
    if (dir.open) a.open.push(dir);
  }
  for (const dir of dirs.values()) finishDirectory(a, dir);
  return { dirs, notes: a.notes };
}

async function readHead(a: Assembly, found: EntryCluster, ref: DirectoryRef | undefined): Promise<OrphanDirectory | undefined> {
  const { clusterSize } = a.ctx.geometry;
  const notes: string[] = [];
  let clusters = [found.cluster];
  if (ref?.noFatChain) {
    const wanted = Math.max(1, Math.ceil(Math.min(ref.dataLength, EXFAT_LIMITS.maxDirectoryBytes) / clusterSize));
    clusters = await freeExtent(a, found.cluster, wanted);
    if (clusters.length < wanted) {
      notes.push(`contiguous (NoFatChain) over ${wanted} clusters, but only the first ${clusters.length} are free and not another directory's`);
    }
  }
  const dir: OrphanDirectory = { cluster: found.cluster, clusters: [], runs: [], sets: [], skipped: 0, length: 0, startLost: found.leading > 0, open: false, notes };
  if (ref) dir.ref = ref;
  if (!(await readDirectory(a, dir, clusters))) return undefined;
  for (const cluster of clusters) a.taken.add(cluster);
  return dir;
}

/**
 * The clusters of [first, first + wanted) up to the first one that is in use, past the end, taken,
 * or named by a set as another directory's first (a hostile or stale length must not swallow it).
 */
async function freeExtent(a: Assembly, first: number, wanted: number): Promise<number[]> {
  const count = Math.min(wanted, a.ctx.geometry.maxCluster - first + 1);
  const used = await a.ctx.bitmap.find(first, count, true, 1);
  const stop = used.clusters[0] ?? first + count;
  const clusters = [first];
  for (let c = first + 1; c < stop && !a.taken.has(c) && !a.refs.has(c); c++) clusters.push(c);
  return clusters;
}

/** Reads `clusters`, the first ones of `dir`, within the byte budget; false, with a note, when it is spent. */
async function readDirectory(a: Assembly, dir: OrphanDirectory, clusters: number[]): Promise<boolean> {
  const content = await readClusters(a, clusters);
  if (!content) return false;
  absorb(a, dir, clusters, content);
  return true;
}

