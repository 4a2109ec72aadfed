import { clipRuns, clustersToRuns } from '../fat/fat-context.js';
import type { ByteRun } from '../filesystem.js';
import { readByteRuns } from '../source/read-runs.js';
import { parseExfatDirectory } from './dir-parse.js';
import type { FileSet } from './entry-set.js';
import { EXFAT_LIMITS, type ExfatContext } from './exfat-context.js';
import type { DirectoryRef } from './orphan-scan.js';
import { walkEntrySlots } from './orphan-signs.js';

/** A directory found by the free-cluster scan that no path from the root reaches. */
export interface OrphanDirectory {
  /** Its first cluster (as found: for a piece whose start is lost, the first one found). */
  cluster: number;
  /** The clusters read as its content, in order. */
  clusters: number[];
  runs: ByteRun[];
  sets: FileSet[];
  /** In-use entries that belong to no readable set. */
  skipped: number;
  /** What the set naming it (in an orphan cluster) says: its length, whether it is contiguous. */
  ref?: DirectoryRef;
  /** It starts with the rest of an entry set: a later part of a directory whose start is lost. */
  startLost: boolean;
  /** More clusters may follow: no end mark yet, and the length its set gives (when known) not reached. */
  open: boolean;
  /** Bytes read so far. */
  length: number;
  /** The start of a set its last cluster cuts (it goes on in the next cluster), while reading. */
  tail?: Buffer;
  /** The orphan directory it sits in, once linked, and the set there that names it. */
  parent?: number;
  namedBy?: FileSet;
  notes: string[];
}

/** What reading the directories shares: the clusters already taken (walked or read), open directories, the byte budget. */
export interface Assembly {
  ctx: ExfatContext;
  /** What the sets in the scanned clusters say of the directories they name, by first cluster. */
  refs: ReadonlyMap<number, DirectoryRef>;
  taken: Set<number>;
  open: OrphanDirectory[];
  budget: number;
  notes: string[];
}

/** Clusters read back: their runs (clipped at the end of the source), bytes, and how many bytes the clip cut. */
export interface ClusterBytes {
  runs: ByteRun[];
  bytes: Buffer;
  cut: number;
}

/** The bytes of `clusters` (clipped at the end of the source), charged to the budget; undefined when it is spent. */
export async function readClusters(a: Assembly, clusters: number[]): Promise<ClusterBytes | undefined> {
  const { geometry, source } = a.ctx;
  const clipped = clipRuns(clustersToRuns(geometry, clusters), source.size);
  const length = clipped.runs.reduce((sum, run) => sum + run.length, 0);
  if (length > a.budget) {
    if (a.budget >= 0) a.notes.push(`stopped reading orphan directories after ${EXFAT_LIMITS.maxOrphanDirectoryBytes} bytes`);
    a.budget = -1;
    return undefined;
  }
  a.budget -= length;
  return { runs: clipped.runs, bytes: await readByteRuns(source, clipped.runs, EXFAT_LIMITS.maxOrphanDirectoryBytes), cut: clipped.cut };
}

/**
 * Adds `content`, the bytes of `clusters`, after what `dir` holds: its sets (a set the previous
 * cluster left cut is parsed again whole), the end mark, a set cut by the new end, and whether more
 * clusters may follow. Each cluster is parsed once, however many a directory has.
 */
export function absorb(a: Assembly, dir: OrphanDirectory, clusters: number[], content: ClusterBytes): void {
  const { geometry, source } = a.ctx;
  const joined = dir.tail ? Buffer.concat([dir.tail, content.bytes]) : content.bytes;
  const base = dir.length - (dir.tail?.length ?? 0);
  const slots = walkEntrySlots(joined, 0, joined.length, geometry);
  const parsed = parseExfatDirectory(joined.subarray(0, slots.cutAt ?? slots.stop), a.ctx.upcase);
  dir.sets.push(...parsed.sets.map((set) => ({ ...set, offset: set.offset + base })));
  dir.skipped += parsed.skipped;
  dir.clusters.push(...clusters);
  dir.runs = joinRuns(dir.runs, content.runs);
  dir.length += content.bytes.length;
  if (slots.cutAt === undefined) delete dir.tail;
  else dir.tail = Buffer.from(joined.subarray(slots.cutAt));
  const wanted = dir.ref ? Math.ceil(dir.ref.dataLength / geometry.clusterSize) : Infinity;
  const whole = content.bytes.length === clusters.length * geometry.clusterSize;
  dir.open = !dir.ref?.noFatChain && !slots.ended && !slots.foreign && dir.clusters.length < wanted && whole;
  if (slots.foreign) dir.notes.push(`its entries stop at byte ${base + slots.stop} of it, at an entry of no File set: what follows is not read`);
  if (content.cut > 0) dir.notes.push(`${content.cut} bytes lie past the end of ${source.label}`);
}

/** A set still cut when no cluster completed it: what its first entries hold, with a note that the rest is missing. */
export function finishDirectory(a: Assembly, dir: OrphanDirectory): void {
  if (!dir.tail) return;
  const base = dir.length - dir.tail.length;
  const sets = parseExfatDirectory(dir.tail, a.ctx.upcase).sets;
  dir.sets.push(...sets.map((set) => ({ ...set, offset: set.offset + base })));
  delete dir.tail;
}

function joinRuns(before: ByteRun[], after: ByteRun[]): ByteRun[] {
  const runs = before.map((run) => ({ ...run }));
  for (const run of after) {
    const last = runs[runs.length - 1];
    if (last && last.offset + last.length === run.offset) last.length += run.length;
    else runs.push({ ...run });
  }
  return runs;
}
