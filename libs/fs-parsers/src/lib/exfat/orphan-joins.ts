import { EXFAT_LIMITS } from './exfat-context.js';
import type { EntryCluster } from './orphan-scan.js';
import { checkFileSet } from './orphan-signs.js';
import { type Assembly, type OrphanDirectory, absorb, readClusters } from './orphan-assembly.js';

/** Open directories looked at per cluster, most recent first: a hostile heap of open directories costs no more. */
const MAX_TRIED = 64;

/**
 * Attaches `found`, a cluster no set names as a directory's first, to the open directory it
 * continues (its FAT chain is gone: the new FAT is empty, or the chain was cleared on deletion).
 * One that starts with the rest of an entry set continues the open directory whose cut set it
 * completes with a valid checksum: a sure join. One that starts with a whole set continues the open
 * directory read most recently whose last set is whole: a guess (drivers allocate forward, so a
 * directory's next cluster lies after its last), said in a note. False when it continues none.
 */
export async function continueDirectory(a: Assembly, found: EntryCluster): Promise<boolean> {
  let content: Awaited<ReturnType<typeof readClusters>>;
  const startsInsideSet = found.leading > 0;
  while (a.open.length > 0 && !a.open[a.open.length - 1]?.open) a.open.pop();
  for (let i = a.open.length - 1; i >= Math.max(0, a.open.length - MAX_TRIED); i--) {
    const dir = a.open[i] as OrphanDirectory;
    if (!dir.open || dir.length + a.ctx.geometry.clusterSize > EXFAT_LIMITS.maxDirectoryBytes || startsInsideSet !== (dir.tail !== undefined)) continue;
    content ??= await readClusters(a, [found.cluster]);
    if (!content) return false;
    const tail = dir.tail;
    if (tail) {
      const joined = Buffer.concat([tail, content.bytes.subarray(0, found.leading * 32)]);
      if (checkFileSet(joined, 0, joined.length, a.ctx.geometry).verdict !== 'valid') continue;
    }
    absorb(a, dir, [found.cluster], content);
    a.taken.add(found.cluster);
    dir.notes.push(
      tail
        ? `continued in free cluster ${found.cluster}, which completes the entry set its previous cluster leaves cut (checksum verified)`
        : `continued in free cluster ${found.cluster}, which holds only entry sets: a guess (its FAT chain is gone), the open directory read last before it`,
    );
    return true;
  }
  return false;
}
