import { cutParentLoops } from '../fat/orphan-links.js';
import type { OrphanDirectory } from './orphan-tree.js';

/**
 * Links each orphan directory to the orphan directory whose directory entry set names its first
 * cluster (exFAT has no '..' to confirm it): sets still in use first, then deleted ones, so a folder
 * deleted long ago does not take a cluster a later folder reused. A set naming its own directory is
 * ignored; a loop of links is cut at its lowest cluster, which becomes a top (unnamed), with a note.
 */
export function linkOrphanDirectories(dirs: ReadonlyMap<number, OrphanDirectory>): void {
  for (const deleted of [false, true]) {
    for (const dir of dirs.values()) {
      for (const set of dir.sets) {
        if (!set.isDirectory || set.deleted !== deleted) continue;
        const child = dirs.get(set.firstCluster);
        if (!child || child === dir || child.namedBy || child.startLost) continue;
        child.namedBy = set;
        child.parent = dir.cluster;
      }
    }
  }
  cutParentLoops(dirs);
  // A top met through a loop was named by a set in its own subtree: that name is not its own.
  for (const dir of dirs.values()) if (dir.parent === undefined) delete dir.namedBy;
}
