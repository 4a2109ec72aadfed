/**
 * What a cluster of an exFAT directory looks like, tested on raw bytes (no objects per cluster): the
 * orphan scan runs this on every free cluster, so file data fails within a slot or two. exFAT has no
 * '.' and '..' entries: a directory cluster is told by its content, File entry sets whose checksum
 * holds (in-use bits restored for deleted ones) and whose first cluster and lengths are sane.
 */
import type { ExfatGeometry } from './boot-sector.js';
import { entrySetChecksum } from './checksums.js';
import { ATTR_DIRECTORY, ENTRY, ENTRY_SIZE } from './entry-set.js';

/** A File set holds a stream extension and 1–17 name entries (vendor entries may follow). */
const MIN_SECONDARIES = 2;
const MAX_SECONDARIES = 18;
const NAME_UNITS_PER_ENTRY = 15;
const DELETED_FILE = ENTRY.FILE & ~ENTRY.IN_USE;

/** Secondary entries of a File set (stream extension, file name), live or deleted. */
const isFileSecondary = (type: number): boolean => (type | ENTRY.IN_USE) === ENTRY.STREAM || (type | ENTRY.IN_USE) === ENTRY.NAME;

export type SetVerdict = 'valid' | 'bad' | 'cut';

/** The clusters and bytes a set may name: anything else is not an entry set a driver wrote. */
export type SetBounds = Pick<ExfatGeometry, 'maxCluster' | 'clusterCount' | 'clusterSize'>;

/**
 * Checks the File set (live 0x85 or deleted 0x05) at `at`, within bytes that end at `end`: 'valid'
 * when its entries, checksum, first cluster and lengths hold; 'cut' when `end` comes first but what
 * precedes it fits; 'bad' otherwise. `used` counts the 32-byte entries that belong to it.
 */
export function checkFileSet(bytes: Buffer, at: number, end: number, bounds: SetBounds): { used: number; verdict: SetVerdict } {
  const deleted = bytes[at] === DELETED_FILE;
  const count = bytes[at + 1] as number;
  const low = deleted ? 0x40 : 0xc0;
  let taken = 0;
  while (taken < count && at + (taken + 2) * ENTRY_SIZE <= end) {
    const type = bytes[at + (taken + 1) * ENTRY_SIZE] as number;
    if (type < low || type >= low + 0x40) break;
    taken++;
  }
  const used = 1 + taken;
  if (count < MIN_SECONDARIES || count > MAX_SECONDARIES) return { used, verdict: 'bad' };
  const stream = at + ENTRY_SIZE;
  const state = deleted ? 0 : ENTRY.IN_USE;
  if (taken > 0 && bytes[stream] !== ((ENTRY.STREAM & ~ENTRY.IN_USE) | state)) return { used, verdict: 'bad' };
  if (taken < count) return { used, verdict: at + used * ENTRY_SIZE + ENTRY_SIZE > end ? 'cut' : 'bad' };
  const nameEntries = Math.ceil((bytes[stream + 3] as number) / NAME_UNITS_PER_ENTRY);
  if (nameEntries === 0 || nameEntries > count - 1) return { used, verdict: 'bad' };
  for (let i = 2; i <= nameEntries; i++) {
    if (bytes[at + i * ENTRY_SIZE] !== ((ENTRY.NAME & ~ENTRY.IN_USE) | state)) return { used, verdict: 'bad' };
  }
  if (!saneStream(bytes, stream, (bytes.readUInt16LE(at + 4) & ATTR_DIRECTORY) !== 0, bounds)) return { used, verdict: 'bad' };
  const set = bytes.subarray(at, at + used * ENTRY_SIZE);
  return { used, verdict: entrySetChecksum(set, deleted) === bytes.readUInt16LE(at + 2) ? 'valid' : 'bad' };
}

/** First cluster 0 (nothing allocated, length 0) or on the volume; lengths within the heap; a directory a whole number of clusters. */
function saneStream(bytes: Buffer, stream: number, directory: boolean, bounds: SetBounds): boolean {
  const first = bytes.readUInt32LE(stream + 20);
  const heap = bounds.clusterCount * bounds.clusterSize;
  const valid = bytes.readUInt32LE(stream + 12) * 2 ** 32 + bytes.readUInt32LE(stream + 8);
  const length = bytes.readUInt32LE(stream + 28) * 2 ** 32 + bytes.readUInt32LE(stream + 24);
  if (length > heap || valid > length) return false;
  if (first === 0) return length === 0 && !directory;
  if (first < 2 || first > bounds.maxCluster) return false;
  return !directory || (length > 0 && length % bounds.clusterSize === 0);
}

/** The slots of a run of directory entries, walked as File sets. */
export interface SlotWalk {
  /** Valid File sets that start in it. */
  sets: number;
  /** Secondary entries it starts with: the end of a set begun in the cluster before (a later cluster of a directory). */
  leading: number;
  /** The end mark (0x00) was met. */
  ended: boolean;
  /** Where a set starts that runs past the end (it goes on in the directory's next cluster). */
  cutAt?: number;
  /** Live sets that fail their checksum or hold impossible values. */
  damaged: number;
  /** An in-use entry that is not part of a File set was met: the walk stopped there (no end mark). */
  foreign: boolean;
  /** Where the walk stopped: the end mark, a foreign entry, or the end. */
  stop: number;
}

/**
 * Walks `length` bytes at `at` as directory entries: leading secondaries, then File sets (valid,
 * damaged, deleted ones that newer sets partly overwrote, one cut by the end) and stale deleted
 * entries, up to the end mark or an in-use entry of another kind.
 */
export function walkEntrySlots(bytes: Buffer, at: number, length: number, bounds: SetBounds): SlotWalk {
  const end = at + length - (length % ENTRY_SIZE);
  const walk: SlotWalk = { sets: 0, leading: 0, ended: false, damaged: 0, foreign: false, stop: end };
  let p = at;
  while (p < end && walk.leading < MAX_SECONDARIES && isFileSecondary(bytes[p] as number)) {
    p += ENTRY_SIZE;
    walk.leading++;
  }
  while (p < end) {
    const type = bytes[p] as number;
    if (type === ENTRY.END) return { ...walk, ended: true, stop: p };
    if (type === ENTRY.FILE || type === DELETED_FILE) {
      const { used, verdict } = checkFileSet(bytes, p, end, bounds);
      if (verdict === 'valid') walk.sets++;
      else if (verdict === 'cut') walk.cutAt = p;
      else if (type === ENTRY.FILE) walk.damaged++;
      p += used * ENTRY_SIZE;
      continue;
    }
    if (type & ENTRY.IN_USE) return { ...walk, foreign: true, stop: p };
    p += ENTRY_SIZE;
  }
  return walk;
}

/**
 * A directory cluster in `bytes` at `at`: it starts with a File entry or the rest of a set and holds
 * at least one valid set, and no more damaged live sets than valid ones, before its end mark or the
 * first foreign entry (what follows may be damage: a part overwritten by file data). Undefined otherwise.
 */
export function directoryClusterSigns(bytes: Buffer, at: number, length: number, bounds: SetBounds): SlotWalk | undefined {
  const first = bytes[at] as number;
  if (first !== ENTRY.FILE && first !== DELETED_FILE && !isFileSecondary(first)) return undefined;
  const walk = walkEntrySlots(bytes, at, length, bounds);
  return walk.sets > 0 && walk.sets >= walk.damaged ? walk : undefined;
}
