import type { BTree } from './btree.js';
import { DATA_FORK, type OverflowRecords, forkExtents } from './extents-overflow.js';
import { type HfsContext, extentRuns } from './hfs-context.js';
import { type CatalogRuns, type JournalRecord, journalCatalogRecords } from './journal-catalog.js';
import { readJournalHeader } from './journal-header.js';
import { JournalRing } from './journal-ring.js';
import { type BlockList, walkJournal } from './journal-walk.js';

const CATALOG_ID = 4;

/** What the journal holds, as far as this reader uses it. */
export interface JournalScan {
  /** Where the journal lies and its header, when it could be read. */
  header?: { at: number; size: number; littleEndian: boolean; start: number; end: number; blhdrSize: number; jhdrSize: number; sequence: number; checksumOk: boolean };
  /** Block lists still whole in the circular buffer, oldest first. */
  lists: BlockList[];
  /** Catalog leaf records from journaled copies of catalog nodes, the newest copy of each. */
  records: JournalRecord[];
  notes: string[];
}

/**
 * Reads the journal of a journaled volume for what it remembers of the catalog: the header, every
 * block list still in the circular buffer (older, already replayed transactions included: that is
 * where copies of catalog leaves from before a deletion survive until the buffer wraps over them),
 * and the leaf records in the copies of catalog nodes among their blocks. Damage gives notes.
 */
export async function scanJournal(
  ctx: HfsContext,
  catalog: BTree,
  overflow: Map<string, OverflowRecords>,
  signal?: AbortSignal,
): Promise<JournalScan> {
  const notes: string[] = [];
  const scan: JournalScan = { lists: [], records: [], notes };
  try {
    const header = await readJournalHeader(ctx, notes);
    if (!header) return scan;
    const { endian, ...fields } = header;
    scan.header = { ...fields, littleEndian: endian.little };
    const ring = new JournalRing(ctx.volume, header);
    scan.lists = await walkJournal(ring, notes, signal);
    const volumeEnd = Math.min(ctx.volume.size, ctx.header.totalBlocks * ctx.header.blockSize);
    const runs = catalogRuns(ctx, overflow);
    scan.records = await journalCatalogRecords(ring, scan.lists, { runs, nodeSize: catalog.header.nodeSize, volumeOffset: ctx.volumeOffset, volumeEnd }, notes, signal);
  } catch (error) {
    if (signal?.aborted) throw error;
    notes.push(`the journal could not be read to its end: ${(error as Error).message}`);
  }
  return scan;
}

/** The catalog file's runs in volume bytes (inline extents, then the overflow file's). */
function catalogRuns(ctx: HfsContext, overflow: Map<string, OverflowRecords>): CatalogRuns {
  const fork = ctx.header.forks.catalog;
  const extents = forkExtents(fork.extents, fork.totalBlocks, overflow.get(`${DATA_FORK}:${CATALOG_ID}`), []);
  let forkAt = 0;
  return extentRuns(ctx.header, extents, fork.logicalSize, []).map((run) => {
    const placed = { ...run, forkAt };
    forkAt += run.length;
    return placed;
  });
}
