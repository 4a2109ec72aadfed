import type { FsEntry } from '../filesystem.js';

interface Piece {
  entry: FsEntry;
  start: number;
  end: number;
}

/**
 * Deleted entries whose byte runs share bytes with another deleted entry's: both were on the card
 * at different times, so the one modified earlier was probably overwritten by the later one (its
 * clusters are free again, so the bitmap cannot tell). The earlier one's 'contiguous-free' drops to
 * 'unknown'. A sweep over the runs sorted by offset: each overlapping run is paired with the run
 * reaching furthest before it, so the cost stays O(n log n) whatever the disk says.
 */
export function noteSharedRuns(entries: readonly FsEntry[]): void {
  const pieces: Piece[] = entries
    .filter((e) => e.deleted)
    .flatMap((entry) => entry.byteRuns.map((r) => ({ entry, start: r.offset, end: r.offset + r.length })));
  pieces.sort((a, b) => a.start - b.start || a.end - b.end);
  const paired = new Set<string>();
  let reach: Piece | undefined;
  for (const piece of pieces) {
    if (reach && piece.start < reach.end && reach.entry !== piece.entry) pair(piece.entry, reach.entry, paired);
    if (!reach || piece.end > reach.end) reach = piece;
  }
}

function pair(a: FsEntry, b: FsEntry, paired: Set<string>): void {
  const key = a.path < b.path ? `${a.path}\u0000${b.path}` : `${b.path}\u0000${a.path}`;
  if (paired.has(key)) return;
  paired.add(key);
  const [earlier, later] = order(a, b);
  if (!earlier || !later) {
    a.notes.push(`its bytes overlap those of deleted ${b.path}; one of them was overwritten by the other`);
    b.notes.push(`its bytes overlap those of deleted ${a.path}; one of them was overwritten by the other`);
    return;
  }
  earlier.notes.push(`its bytes overlap those of deleted ${later.path}, modified later: probably overwritten by it`);
  later.notes.push(`its bytes overlap those of deleted ${earlier.path}, modified earlier`);
  if (earlier.confidence === 'contiguous-free') earlier.confidence = 'unknown';
}

/** [earlier, later] by modification time, or [] when the times do not tell. */
function order(a: FsEntry, b: FsEntry): [FsEntry, FsEntry] | [] {
  if (!a.modifiedAt || !b.modifiedAt || a.modifiedAt === b.modifiedAt) return [];
  return a.modifiedAt < b.modifiedAt ? [a, b] : [b, a];
}
