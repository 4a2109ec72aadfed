import { CorruptError } from '../errors.js';
import { HEADER_NODE, INDEX_NODE, LEAF_NODE, MAP_NODE, type BTreeNode, keyAndData, parseNode } from './btree-node.js';
import type { ForkReader } from './fork-reader.js';

/** The header record (node 0, record 0). */
export interface BTreeHeader {
  treeDepth: number;
  rootNode: number;
  leafRecords: number;
  firstLeafNode: number;
  lastLeafNode: number;
  nodeSize: number;
  totalNodes: number;
  freeNodes: number;
  keyCompareType: number;
  attributes: number;
}

/** A B-tree file (catalog or extents overflow) read node by node; node numbers from disk are checked. */
export class BTree {
  readonly notes: string[] = [];
  /** Nodes the file really holds (totalNodes, cut to the fork's size). */
  readonly nodeCount: number;
  private mapBits?: Buffer;

  private constructor(
    private readonly fork: ForkReader,
    readonly header: BTreeHeader,
    private readonly headerNode: BTreeNode,
  ) {
    this.nodeCount = Math.min(header.totalNodes, Math.floor(fork.size / header.nodeSize));
    if (header.totalNodes > this.nodeCount) this.notes.push(`${fork.name}: ${header.totalNodes} nodes claimed, ${this.nodeCount} fit in the file`);
  }

  static async open(fork: ForkReader): Promise<BTree> {
    const first = await fork.read(0, 512);
    if (first.readInt8(8) !== HEADER_NODE) throw new CorruptError(`${fork.name}: node 0 is not a B-tree header node`);
    const nodeSize = first.readUInt16BE(32);
    if (nodeSize < 512 || nodeSize > 32768 || (nodeSize & (nodeSize - 1)) !== 0) {
      throw new CorruptError(`${fork.name}: node size ${nodeSize} is not a power of two from 512 to 32768`);
    }
    const bytes = await fork.read(0, nodeSize);
    const h = (at: number) => bytes.readUInt32BE(at);
    const header: BTreeHeader = {
      treeDepth: bytes.readUInt16BE(14),
      rootNode: h(16),
      leafRecords: h(20),
      firstLeafNode: h(24),
      lastLeafNode: h(28),
      nodeSize,
      totalNodes: h(36),
      freeNodes: h(40),
      keyCompareType: bytes.readUInt8(51),
      attributes: h(52),
    };
    return new BTree(fork, header, parseNode(0, bytes));
  }

  /** Node `n`, or undefined (with a note) when `n` is outside the file. */
  async node(n: number): Promise<BTreeNode | undefined> {
    if (!Number.isSafeInteger(n) || n <= 0 || n >= this.nodeCount) {
      this.notes.push(`${this.fork.name}: a link points at node ${n}, outside nodes 1..${this.nodeCount - 1}`);
      return undefined;
    }
    const node = parseNode(n, await this.fork.read(n * this.header.nodeSize, this.header.nodeSize));
    this.notes.push(...node.notes.map((note) => `${this.fork.name}: ${note}`));
    return node;
  }

  /** Raw bytes of node `n` (no checks on content), for scanning free nodes. */
  rawNode(n: number): Promise<Buffer> {
    return this.fork.read(n * this.header.nodeSize, this.header.nodeSize);
  }

  /**
   * Every leaf node once: the leaf chain from firstLeafNode, then leaves the index reaches that the
   * chain missed (a broken link loses nothing the index still knows). Visited sets stop loops.
   */
  async *leaves(signal?: AbortSignal): AsyncGenerator<BTreeNode> {
    const fromIndex = await this.indexedLeaves(signal);
    const seen = new Set<number>();
    for (let n = this.header.firstLeafNode; n !== 0; ) {
      signal?.throwIfAborted();
      if (seen.has(n)) {
        this.notes.push(`${this.fork.name}: the leaf chain loops back to node ${n}`);
        break;
      }
      seen.add(n);
      const node = await this.node(n);
      if (!node) break;
      if (node.kind !== LEAF_NODE) {
        this.notes.push(`${this.fork.name}: the leaf chain reaches node ${n}, which is not a leaf`);
        break;
      }
      yield node;
      n = node.fLink;
    }
    for (const n of fromIndex) {
      if (seen.has(n)) continue;
      signal?.throwIfAborted();
      seen.add(n);
      const node = await this.node(n);
      if (node?.kind === LEAF_NODE) yield node;
      else if (node) this.notes.push(`${this.fork.name}: the index points at node ${n} as a leaf, but it is not one`);
    }
  }

  /** Leaf numbers reached from the root through index nodes (index nodes read once each). */
  private async indexedLeaves(signal?: AbortSignal): Promise<number[]> {
    const leaves: number[] = [];
    if (this.header.treeDepth === 0 || this.header.rootNode === 0) return leaves;
    const seen = new Set<number>();
    const queue = [this.header.rootNode];
    while (queue.length > 0) {
      signal?.throwIfAborted();
      const n = queue.shift() as number;
      if (seen.has(n)) {
        this.notes.push(`${this.fork.name}: the index reaches node ${n} twice`);
        continue;
      }
      seen.add(n);
      const node = await this.node(n);
      if (!node) continue;
      if (node.kind === LEAF_NODE) leaves.push(n);
      if (node.kind !== INDEX_NODE) continue;
      for (const record of node.records) {
        const layout = keyAndData(node, record);
        if (!layout || layout.dataStart + 4 > record.end) continue;
        const child = node.bytes.readUInt32BE(layout.dataStart);
        if (seen.has(child) || leaves.includes(child)) this.notes.push(`${this.fork.name}: the index reaches node ${child} twice`);
        else if (node.height === 2 && child > 0 && child < this.nodeCount) leaves.push(child);
        else queue.push(child);
      }
    }
    return leaves;
  }

  /** Whether node `n` is marked in use in the tree's node map (header record 2, then map nodes). */
  async inUse(n: number): Promise<boolean> {
    this.mapBits ??= await this.readMap();
    return ((this.mapBits[n >> 3] ?? 0) & (0x80 >> (n & 7))) !== 0;
  }

  private async readMap(): Promise<Buffer> {
    const parts: Buffer[] = [];
    const mapRecord = this.headerNode.records[2];
    if (mapRecord) parts.push(this.headerNode.bytes.subarray(mapRecord.start, mapRecord.end));
    const seen = new Set<number>([0]);
    for (let n = this.headerNode.fLink; n !== 0 && !seen.has(n); ) {
      seen.add(n);
      const node = await this.node(n);
      if (node?.kind !== MAP_NODE || !node.records[0]) break;
      parts.push(node.bytes.subarray(node.records[0].start, node.records[0].end));
      n = node.fLink;
    }
    return Buffer.concat(parts);
  }
}

