import { LEAF_NODE, parseNode } from './btree-node.js';
import { type CatalogRecord, parseCatalogRecord } from './catalog-record.js';
import { journalChecksum } from './journal-header.js';
import type { JournalRing } from './journal-ring.js';
import { BLHDR_CHECK_CHECKSUMS, type BlockList } from './journal-walk.js';

/** A journaled block bigger than this is no metadata buffer (catalog nodes are at most 32 KiB). */
const MAX_BLOCK_BYTES = 16 * 1024 * 1024;

/** The catalog file in volume bytes: runs of its fork, each with the fork offset it starts at. */
export type CatalogRuns = { offset: number; length: number; forkAt: number }[];

/** A catalog leaf record read from a journaled copy of a catalog node, the newest copy of its kind. */
export interface JournalRecord {
  record: CatalogRecord;
  node: number;
  /** The block list that held the newest copy: its journal offset, order (0 = oldest) and sequence number. */
  list: { offset: number; order: number; sequence: number };
  /** How many copies of this record (same catalog ID, or same thread) the journal holds. */
  copies: number;
}

/**
 * Journaled blocks that are copies of catalog nodes, and the records of the leaves among them.
 * Where a block belongs: its binfo's bnum counts sectors of jhdr_size bytes (the journal header is
 * one device sector; xnu sets jhdr_size to the device's block size and replays a block to byte
 * bnum × jhdr_size) from the start of the device that holds the volume: the partition, an HFS
 * wrapper included, hence `volumeOffset` is taken off to get a byte of the HFS+ volume. A block is
 * a catalog node copy when that byte range holds whole catalog nodes (the catalog file's extents);
 * the node descriptor then says whether it is a leaf. With BLHDR_CHECK_CHECKSUMS set (macOS sets
 * it), a block whose bytes fail its checksum is skipped: overwritten or damaged.
 */
export async function journalCatalogRecords(
  ring: JournalRing,
  lists: readonly BlockList[],
  catalog: { runs: CatalogRuns; nodeSize: number; volumeOffset: number; volumeEnd: number },
  notes: string[],
  signal?: AbortSignal,
): Promise<JournalRecord[]> {
  const { endian: e, blhdrSize, jhdrSize } = ring.header;
  const newest = new Map<string, JournalRecord>();
  const count = { outside: 0, badSum: 0, huge: 0 };
  for (const list of lists) {
    signal?.throwIfAborted();
    const blhdr = await ring.read(list.offset, blhdrSize);
    let data = ring.advance(list.offset, blhdrSize);
    let used = blhdrSize;
    for (let i = 1; i < list.numBlocks; i++) {
      const info = 16 + 16 * i; // binfo[i] (bnum u64, bsize u32, checksum u32): binfo[0] starts at byte 16
      const bsize = e.u32(blhdr, info + 8);
      if (used + bsize > list.bytesUsed) {
        notes.push(`the block list at journal byte ${list.offset}: its blocks run past its ${list.bytesUsed} bytes; the rest of it is not read`);
        break;
      }
      const at = data;
      data = ring.advance(data, bsize);
      used += bsize;
      if (bsize === 0 || blhdr.readBigUInt64LE(info) === 0xffffffffffffffffn) continue; // a block the journal dropped
      const volumeByte = e.u64(blhdr, info) * jhdrSize - catalog.volumeOffset;
      if (!(volumeByte >= 0) || volumeByte + bsize > catalog.volumeEnd) {
        count.outside++;
        continue;
      }
      const nodes = nodesIn(catalog.runs, catalog.nodeSize, volumeByte, bsize);
      if (nodes.length === 0) continue;
      if (bsize > MAX_BLOCK_BYTES) {
        count.huge++;
        continue;
      }
      const bytes = await ring.read(at, bsize);
      if (list.flags & BLHDR_CHECK_CHECKSUMS && journalChecksum(bytes) !== e.u32(blhdr, info + 12)) {
        count.badSum++;
        continue;
      }
      for (const { node, offset } of nodes) collect(newest, node, bytes.subarray(offset, offset + catalog.nodeSize), list);
    }
  }
  if (count.outside > 0) notes.push(`${count.outside} journaled blocks point outside the volume (bnum × ${jhdrSize} past its end): skipped`);
  if (count.badSum > 0) notes.push(`${count.badSum} journaled copies of catalog nodes fail their block checksum (overwritten or damaged): skipped`);
  if (count.huge > 0) notes.push(`${count.huge} journaled blocks over the catalog are larger than ${MAX_BLOCK_BYTES} bytes: skipped`);
  return [...newest.values()];
}

/** Catalog nodes lying whole inside the block at `volumeByte` (`length` bytes), with their offset in it. */
function nodesIn(runs: CatalogRuns, nodeSize: number, volumeByte: number, length: number): { node: number; offset: number }[] {
  const found: { node: number; offset: number }[] = [];
  for (const run of runs) {
    const lo = Math.max(volumeByte, run.offset);
    const hi = Math.min(volumeByte + length, run.offset + run.length);
    if (lo >= hi) continue;
    const last = Math.floor((run.forkAt + hi - run.offset) / nodeSize);
    for (let n = Math.ceil((run.forkAt + lo - run.offset) / nodeSize); n < last; n++) {
      found.push({ node: n, offset: run.offset + n * nodeSize - run.forkAt - volumeByte });
    }
  }
  return found;
}

/** The leaf's records, each kept if it is the newest copy so far of its catalog ID (or thread). */
function collect(newest: Map<string, JournalRecord>, number: number, bytes: Buffer, list: BlockList): void {
  const node = parseNode(number, bytes);
  if (node.kind !== LEAF_NODE) return;
  for (const { start, end } of node.records) {
    const record = parseCatalogRecord(bytes, start, end);
    if (!record) continue;
    const key = record.type === 'thread' ? `thread:${record.key.parentID}` : `id:${record.id}`;
    const copies = (newest.get(key)?.copies ?? 0) + 1;
    newest.set(key, { record, node: number, list: { offset: list.offset, order: list.order, sequence: list.sequence }, copies });
  }
}
