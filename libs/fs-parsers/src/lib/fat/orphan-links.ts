import { ATTR_DIRECTORY } from './dir-entry.js';
import type { DirItem } from './dir-parse.js';
import type { OrphanDirectory } from './orphan-tree.js';

const isDirectoryItem = (item: DirItem): boolean => (item.entry.attributes & ATTR_DIRECTORY) !== 0;

/**
 * Links each orphan directory to the orphan directory it sits in: first by a sub-directory entry
 * whose cluster it is and which its own '..' confirms, then by such an entry alone, then by '..'
 * alone. A loop (hostile or damaged '..' and entries) is cut at its lowest cluster, which becomes the
 * top of its own tree, with a note. Linear in the number of directories.
 */
export function linkOrphans(dirs: ReadonlyMap<number, OrphanDirectory>): void {
  for (const confirmed of [true, false]) {
    for (const dir of dirs.values()) {
      for (const item of dir.items.filter(isDirectoryItem)) {
        const child = dirs.get(item.entry.firstCluster);
        if (!child?.dot || child === dir || child.namedBy || (confirmed && child.dotParent !== dir.cluster)) continue;
        child.namedBy = item;
        child.parent = dir.cluster;
        if (!confirmed) child.notes.push(`named by an entry in directory cluster ${dir.cluster}, though its '..' points to ${child.dotParent}`);
      }
    }
  }
  for (const dir of dirs.values()) {
    if (dir.parent === undefined && dir.dotParent !== undefined && dirs.has(dir.dotParent)) dir.parent = dir.dotParent;
  }
  cutParentLoops(dirs);
}

/** What loop cutting needs of a directory (FAT's and exFAT's orphan directories). */
interface Linked {
  cluster: number;
  parent?: number;
  notes: string[];
}

/** Cuts every loop of parent links at its lowest cluster, which becomes a top, with a note. Linear. */
export function cutParentLoops<D extends Linked>(dirs: ReadonlyMap<number, D>): void {
  const settled = new Set<D>();
  for (const dir of dirs.values()) cutLoop(dirs, dir, settled);
}

/** Follows parents from `start` until a top or a directory already settled; a loop met on the way is cut. */
function cutLoop<D extends Linked>(dirs: ReadonlyMap<number, D>, start: D, settled: Set<D>): void {
  const chain: D[] = [];
  const onChain = new Set<D>();
  for (let current: D | undefined = start; current && !settled.has(current); ) {
    if (onChain.has(current)) {
      const loop = chain.slice(chain.indexOf(current));
      const cut = loop.reduce((a, b) => (b.cluster < a.cluster ? b : a));
      cut.notes.push(`its parent links loop (clusters ${[...loop, current].map((d) => d.cluster).join(' → ')}); cut here`);
      delete cut.parent;
      break;
    }
    chain.push(current);
    onChain.add(current);
    current = current.parent === undefined ? undefined : dirs.get(current.parent);
  }
  for (const dir of chain) settled.add(dir);
}
