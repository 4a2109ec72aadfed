import {
  ATTR_VOLUME_ID,
  DIR_ENTRY_SIZE,
  type LongNameEntry,
  type ShortDirEntry,
  decodeDirEntry,
  isDotEntry,
  isPlausibleShortEntry,
} from './dir-entry.js';
import { resolveName } from './long-names.js';

export interface DirItem {
  entry: ShortDirEntry;
  name: string;
  shortName: string;
  notes: string[];
}

export interface ParsedDirectory {
  items: DirItem[];
  /** The live volume label entry, when this is the root directory. */
  volumeLabel?: string;
  /** The 0x00 end mark was met (the rest of the bytes are unused). */
  ended: boolean;
  /** Short entries that could not have been written by a FAT driver, skipped. */
  implausible: number;
}

/** Decodes directory bytes into named entries, skipping '.', '..', labels and garbage. */
export function parseDirectory(bytes: Buffer, fat32: boolean): ParsedDirectory {
  const result: ParsedDirectory = { items: [], ended: false, implausible: 0 };
  let pending: LongNameEntry[] = [];
  for (let at = 0; at + DIR_ENTRY_SIZE <= bytes.length; at += DIR_ENTRY_SIZE) {
    const entry = decodeDirEntry(bytes, at, fat32);
    if (entry.kind === 'end') {
      result.ended = true;
      break;
    }
    if (entry.kind === 'lfn') {
      pending.push(entry);
      continue;
    }
    const before = pending;
    pending = [];
    if (!isPlausibleShortEntry(entry)) {
      result.implausible++;
      continue;
    }
    if (entry.attributes & ATTR_VOLUME_ID) {
      if (!entry.deleted && !(entry.attributes & 0x10)) result.volumeLabel = entry.name.toString('latin1').trimEnd();
      continue;
    }
    if (isDotEntry(entry)) continue;
    result.items.push({ entry, ...resolveName(entry, before) });
  }
  return result;
}

/** The cluster a '.' entry at the start of a directory points to, if the bytes start like a directory. */
export function selfCluster(bytes: Buffer, fat32: boolean): number | undefined {
  if (bytes.length < DIR_ENTRY_SIZE) return undefined;
  const dot = decodeDirEntry(bytes, 0, fat32);
  if (dot.kind !== 'short' || !isDotEntry(dot) || !(dot.attributes & 0x10)) return undefined;
  return dot.firstCluster;
}
