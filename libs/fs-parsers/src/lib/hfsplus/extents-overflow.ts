import { keyAndData } from './btree-node.js';
import type { BTree } from './btree.js';
import type { Extent } from './volume-header.js';

export const DATA_FORK = 0x00;
export const RESOURCE_FORK = 0xff;

/** Overflow extent records of one fork: the file block each record starts at, and its 8 extents. */
export type OverflowRecords = { fileBlock: number; extents: Extent[] }[];

/** All extent records of the extents overflow B-tree, by `${forkType}:${fileID}`, sorted by file block. */
export async function readOverflowExtents(tree: BTree | undefined, signal?: AbortSignal): Promise<Map<string, OverflowRecords>> {
  const byFork = new Map<string, OverflowRecords>();
  if (!tree) return byFork;
  for await (const node of tree.leaves(signal)) {
    for (const record of node.records) {
      const layout = keyAndData(node, record);
      if (!layout || layout.keyLength < 10 || layout.dataStart + 64 > record.end) continue;
      const at = record.start + 2;
      const forkType = node.bytes.readUInt8(at);
      const id = `${forkType}:${node.bytes.readUInt32BE(at + 2)}`;
      const extents: Extent[] = [];
      for (let i = 0; i < 8; i++) {
        const blockCount = node.bytes.readUInt32BE(layout.dataStart + i * 8 + 4);
        if (blockCount > 0) extents.push({ startBlock: node.bytes.readUInt32BE(layout.dataStart + i * 8), blockCount });
      }
      const list = byFork.get(id) ?? [];
      list.push({ fileBlock: node.bytes.readUInt32BE(at + 6), extents });
      byFork.set(id, list);
    }
  }
  for (const list of byFork.values()) list.sort((a, b) => a.fileBlock - b.fileBlock);
  return byFork;
}

/**
 * A fork's extents in file order: the 8 inline ones, then overflow records, each expected to start
 * where the previous extents end. A gap or a missing record ends the list with a note.
 */
export function forkExtents(inline: readonly Extent[], totalBlocks: number, overflow: OverflowRecords | undefined, notes: string[]): Extent[] {
  const extents = [...inline];
  let covered = inline.reduce((sum, e) => sum + e.blockCount, 0);
  for (const record of overflow ?? []) {
    if (covered >= totalBlocks) break;
    if (record.fileBlock !== covered) {
      notes.push(`the extents overflow file has no record for file block ${covered} (next one starts at ${record.fileBlock})`);
      return extents;
    }
    extents.push(...record.extents);
    covered += record.extents.reduce((sum, e) => sum + e.blockCount, 0);
  }
  if (covered < totalBlocks) notes.push(`extents cover ${covered} of the fork's ${totalBlocks} blocks; the rest are not in the extents overflow file`);
  return extents;
}
