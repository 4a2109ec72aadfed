import { DESCRIPTOR_SIZE } from './btree-node.js';
import type { BTree } from './btree.js';
import { type CatalogRecord, FIRST_USER_ID, parseCatalogRecord } from './catalog-record.js';
import type { ForkData, VolumeHeader } from './volume-header.js';

/** A record read from where the catalog no longer points: a leaf's free space or a free node. */
export interface LeftoverRecord {
  record: CatalogRecord;
  node: number;
  offset: number;
  where: 'node slack' | 'free node';
}

export interface CatalogScan {
  live: CatalogRecord[];
  leftovers: LeftoverRecord[];
  notes: string[];
}

/**
 * Reads every live leaf record, and looks for well-formed file, folder and thread records in each
 * leaf's free space (between the last record and the offset table) and in whole nodes the node map
 * marks free. Each leaf is read once.
 */
export async function scanCatalog(tree: BTree, header: VolumeHeader, signal?: AbortSignal): Promise<CatalogScan> {
  const live: CatalogRecord[] = [];
  const leftovers: LeftoverRecord[] = [];
  const notes: string[] = [];
  const plausible = plausibility(header);
  for await (const node of tree.leaves(signal)) {
    for (const { start, end } of node.records) {
      const record = parseCatalogRecord(node.bytes, start, end);
      if (record) live.push(record);
      else notes.push(`catalog node ${node.number}: a record at byte ${start} is not a catalog record`);
    }
    scanBytes(node.bytes, node.freeStart, node.freeEnd, plausible, (record, offset) =>
      leftovers.push({ record, node: node.number, offset, where: 'node slack' }),
    );
  }
  for (let n = 1; n < tree.nodeCount; n++) {
    if (n % 256 === 0) signal?.throwIfAborted();
    if (await tree.inUse(n)) continue;
    const bytes = await tree.rawNode(n);
    scanBytes(bytes, DESCRIPTOR_SIZE, bytes.length, plausible, (record, offset) => leftovers.push({ record, node: n, offset, where: 'free node' }));
  }
  return { live, leftovers, notes };
}

type Check = (record: CatalogRecord) => boolean;

/** Tries every even offset in [from, to) as the start of a record; skips past each one found. */
function scanBytes(bytes: Buffer, from: number, to: number, plausible: Check, found: (r: CatalogRecord, at: number) => void): void {
  for (let at = from + (from & 1); at + 8 <= to; at += 2) {
    const keyLength = bytes.readUInt16BE(at);
    if (keyLength < 6 || keyLength > 516 || keyLength !== 6 + 2 * bytes.readUInt16BE(at + 6)) continue;
    const record = parseCatalogRecord(bytes, at, to);
    if (!record || !plausible(record)) continue;
    found(record, at);
    const size = record.type === 'file' ? 248 : record.type === 'folder' ? 88 : 10 + 2 * record.rawName.length;
    at += 2 + keyLength + size - 2;
  }
}

function plausibility(header: VolumeHeader): Check {
  const idOk = (id: number) => id >= FIRST_USER_ID && (header.cnidsReused || id < header.nextCatalogID);
  const nameOk = (name: string) => name.length > 0 && !name.includes('\u0000') && !/[\uFFFE\uFFFF]/.test(name);
  const forkOk = (fork: ForkData) => {
    const blocks = fork.extents.reduce((sum, e) => sum + e.blockCount, 0);
    return (
      fork.totalBlocks <= header.totalBlocks &&
      fork.logicalSize <= fork.totalBlocks * header.blockSize &&
      blocks <= fork.totalBlocks &&
      (fork.logicalSize === 0 || fork.extents.length > 0) &&
      fork.extents.every((e) => e.startBlock + e.blockCount <= header.totalBlocks)
    );
  };
  return (record) => {
    if (record.type === 'thread') return idOk(record.key.parentID) && record.key.rawName === '' && record.parentID >= 1 && nameOk(record.rawName);
    if (record.key.parentID < 2 || !idOk(record.id) || !nameOk(record.key.rawName)) return false;
    return record.type === 'folder' || (forkOk(record.dataFork) && forkOk(record.resourceFork));
  };
}

