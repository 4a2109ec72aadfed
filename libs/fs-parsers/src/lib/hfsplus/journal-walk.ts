import { journalChecksum } from './journal-header.js';
import type { JournalRing } from './journal-ring.js';

export const BLHDR_CHECK_CHECKSUMS = 0x1;
const MAX_CANDIDATES = 100_000;

/** A block_list_header whose 32 checksummed bytes are intact. */
interface Candidate {
  offset: number;
  numBlocks: number;
  bytesUsed: number;
  flags: number;
  sequence: number;
}

/** One block list still whole in the journal, oldest first in the walk's result. */
export interface BlockList extends Candidate {
  /** Position from the oldest block list found (0) to the newest. */
  order: number;
  /** Between the header's start and end: written but not yet replayed onto the volume. */
  pending: boolean;
}

/**
 * Every block list still in the circular buffer, oldest first. Transactions follow one another
 * around the buffer (each block list's successor begins bytes_used after it), so the newest ends
 * where the header's `end` points, and older ones lie before it, back to where newer writes wrapped
 * over them. Block list headers are found by their checksum at every sector of the buffer, then
 * chained back from `end`; the chain stops at a gap, a loop, or once it would cover more than the
 * buffer. The header's start..end (un-replayed transactions) is walked forwards too, and a bad
 * block list there ends that walk with a note.
 */
export async function walkJournal(ring: JournalRing, notes: string[], signal?: AbortSignal): Promise<BlockList[]> {
  const candidates = await findBlockLists(ring, notes, signal);
  const byNext = new Map<number, Candidate>();
  for (const c of candidates.values()) if (!byNext.has(ring.advance(c.offset, c.bytesUsed))) byNext.set(ring.advance(c.offset, c.bytesUsed), c);
  const { start, end } = ring.header;
  const chain: Candidate[] = [];
  const seen = new Set<number>();
  let covered = 0;
  for (let at = end, c = byNext.get(at); c; at = c.offset, c = byNext.get(at)) {
    if (seen.has(c.offset) || covered + c.bytesUsed > ring.length) break;
    seen.add(c.offset);
    covered += c.bytesUsed;
    chain.push(c);
  }
  if (start !== end) {
    notes.push(`the journal holds un-replayed transactions (start ${start}, end ${end}): the volume was not unmounted cleanly, and the catalog read here is as on disk, without them`);
    checkPending(ring, candidates, notes);
  }
  const pending = (c: Candidate) => ring.distance(start, c.offset) < ring.distance(start, end);
  return chain.reverse().map((c, order) => ({ ...c, order, pending: pending(c) }));
}

/** Walks the block lists from the header's start up to its end, as a replay would; a bad one ends the walk with a note. */
function checkPending(ring: JournalRing, candidates: Map<number, Candidate>, notes: string[]): void {
  const { start, end } = ring.header;
  const total = ring.distance(start, end);
  for (let at = start, covered = 0; covered < total; ) {
    const c = candidates.get(at);
    if (!c || covered + c.bytesUsed > total) {
      notes.push(`the un-replayed block list at journal byte ${at} ${c ? `runs past the header's end (${end})` : 'has a bad checksum'}: the walk from start stops there`);
      return;
    }
    covered += c.bytesUsed;
    at = ring.advance(at, c.bytesUsed);
  }
}

/** Checksum-valid block list headers at every sector of the buffer, with sane counts and sizes. */
async function findBlockLists(ring: JournalRing, notes: string[], signal?: AbortSignal): Promise<Map<number, Candidate>> {
  const { endian: e, blhdrSize } = ring.header;
  const found = new Map<number, Candidate>();
  const copy = Buffer.alloc(32);
  let rejected = 0;
  for await (const { offset, bytes, at } of ring.sectors(32, signal)) {
    bytes.copy(copy, 0, at, at + 32);
    copy.fill(0, 8, 12);
    if (journalChecksum(copy) !== e.u32(bytes, at + 8)) continue;
    const c = { offset, numBlocks: e.u16(bytes, at + 2), bytesUsed: e.u32(bytes, at + 4), flags: e.u32(bytes, at + 12), sequence: e.u32(bytes, at + 28) };
    if (c.numBlocks < 1 || c.numBlocks > blhdrSize / 16 - 1 || c.bytesUsed < blhdrSize || c.bytesUsed > ring.length) {
      if (rejected++ < 3) notes.push(`the block list at journal byte ${offset} claims ${c.numBlocks} blocks in ${c.bytesUsed} bytes, more than its ${blhdrSize}-byte header or the ${ring.length}-byte buffer holds: skipped`);
      continue;
    }
    if (found.size >= MAX_CANDIDATES) {
      notes.push(`more than ${MAX_CANDIDATES} block list headers in the journal: the rest are not read`);
      break;
    }
    found.set(offset, c);
  }
  return found;
}
