import { type LongNameEntry, type ShortDirEntry, formatShortName, shortNameChecksum } from './dir-entry.js';

/** The note a deleted 8.3 entry gets when its first character is gone. */
export const LOST_FIRST_CHARACTER = "the short name's first character was lost on deletion; '_' stands in for it";

/** 255 UTF-16 units at 13 per entry. */
const MAX_LFN_ENTRIES = 20;

export interface ResolvedName {
  name: string;
  shortName: string;
  notes: string[];
}

/** Joins the units of long-name entries given nearest-first (order 1, 2, ...), up to the 0x0000 end. */
export function joinLongName(parts: readonly LongNameEntry[]): string {
  const units: number[] = [];
  for (const part of parts) {
    for (const unit of part.units) {
      if (unit === 0x0000) return String.fromCharCode(...units);
      units.push(unit);
    }
  }
  return String.fromCharCode(...units.filter((u) => u !== 0xffff));
}

/**
 * Names a short entry from the long-name entries physically before it (`pending`, in disk order).
 * A live entry needs the ordered run 0x40|N … 1 with the checksum of its short name. A deleted entry
 * lost both its first byte and the order numbers (all 0xE5): we take the deleted long-name entries
 * right before it that share one checksum, and accept them only when the short name's first
 * character, rebuilt from the long name, makes the checksum match. That restores the lost character;
 * with no such long name the first character becomes '_', as The Sleuth Kit does.
 */
export function resolveName(entry: ShortDirEntry, pending: readonly LongNameEntry[]): ResolvedName {
  const notes: string[] = [];
  if (!entry.deleted) {
    const shortName = formatShortName(entry);
    const parts = liveRun(pending, shortNameChecksum(entry.name));
    if (parts) return { name: joinLongName(parts), shortName, notes };
    if (pending.length > 0) notes.push('long-name entries before this entry do not match it (order or checksum); short name used');
    return { name: shortName, shortName, notes };
  }
  const parts = deletedRun(pending);
  if (parts.length > 0) {
    const longName = joinLongName(parts);
    const checksum = parts[0]?.checksum ?? -1;
    for (const first of firstCharCandidates(longName)) {
      const name = Buffer.from(entry.name);
      name[0] = first.charCodeAt(0);
      if (shortNameChecksum(name) === checksum) return { name: longName, shortName: formatShortName(entry, first), notes };
    }
    notes.push(`deleted long name "${longName}" does not match this entry's checksum; not used`);
  }
  const shortName = formatShortName(entry, '_');
  notes.push(LOST_FIRST_CHARACTER);
  return { name: shortName, shortName, notes };
}

function liveRun(pending: readonly LongNameEntry[], checksum: number): LongNameEntry[] | undefined {
  const parts: LongNameEntry[] = [];
  for (let i = pending.length - 1; i >= 0 && parts.length < MAX_LFN_ENTRIES; i--) {
    const part = pending[i];
    if (!part || part.deleted || part.checksum !== checksum || (part.order & 0x1f) !== parts.length + 1) return undefined;
    parts.push(part);
    if (part.order & 0x40) return parts;
  }
  return undefined;
}

function deletedRun(pending: readonly LongNameEntry[]): LongNameEntry[] {
  const parts: LongNameEntry[] = [];
  for (let i = pending.length - 1; i >= 0 && parts.length < MAX_LFN_ENTRIES; i--) {
    const part = pending[i];
    if (!part || !part.deleted || (parts[0] && part.checksum !== parts[0].checksum)) break;
    parts.push(part);
  }
  return parts;
}

/**
 * The characters a FAT driver would have put first in the short name made from `longName`: leading
 * dots and spaces dropped, upper-cased, '_' for anything an 8.3 name cannot hold.
 */
function firstCharCandidates(longName: string): string[] {
  const c = longName.replace(/^[. ]+/, '').charAt(0).toUpperCase();
  const candidates = ['_'];
  if (/^[A-Z0-9!#$%&'()@^_`{}~-]$/.test(c)) candidates.unshift(c);
  return candidates;
}
