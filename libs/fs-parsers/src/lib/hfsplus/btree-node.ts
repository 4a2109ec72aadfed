/** B-tree node kinds (BTNodeDescriptor.kind). */
export const LEAF_NODE = -1;
export const INDEX_NODE = 0;
export const HEADER_NODE = 1;
export const MAP_NODE = 2;
export const DESCRIPTOR_SIZE = 14;

/** One node: its 14-byte descriptor and the records its offset table points at. */
export interface BTreeNode {
  number: number;
  bytes: Buffer;
  fLink: number;
  bLink: number;
  kind: number;
  height: number;
  /** [start, end) of each record that the offset table describes sanely. */
  records: { start: number; end: number }[];
  /** Where the free space starts (the last offset) and where the offset table begins. */
  freeStart: number;
  freeEnd: number;
  notes: string[];
}

/**
 * Parses a node. The offset table sits at the node's end, record 0's offset in the last two bytes,
 * then record 1's, ..., then the free-space offset. Offsets that go backwards, point into the
 * descriptor or past the table end the record list there, with a note.
 */
export function parseNode(number: number, bytes: Buffer): BTreeNode {
  const nodeSize = bytes.length;
  const notes: string[] = [];
  const declared = bytes.readUInt16BE(10);
  const maxRecords = Math.floor((nodeSize - DESCRIPTOR_SIZE) / 2) - 1;
  const count = Math.min(declared, maxRecords);
  if (declared > maxRecords) notes.push(`node ${number} claims ${declared} records, more than fit`);
  const offset = (i: number): number => bytes.readUInt16BE(nodeSize - 2 * (i + 1));
  const tableStart = nodeSize - 2 * (count + 1);
  const records: { start: number; end: number }[] = [];
  let previous = DESCRIPTOR_SIZE;
  for (let i = 0; i < count; i++) {
    const start = offset(i);
    const end = offset(i + 1);
    if (start < previous || end <= start || end > tableStart) {
      notes.push(`node ${number}: record ${i} has offsets ${start}..${end} outside the node's record area`);
      break;
    }
    records.push({ start, end });
    previous = end;
  }
  const freeStart = Math.min(Math.max(offset(records.length), previous), tableStart);
  return {
    number,
    bytes,
    fLink: bytes.readUInt32BE(0),
    bLink: bytes.readUInt32BE(4),
    kind: bytes.readInt8(8),
    height: bytes.readUInt8(9),
    records,
    freeStart: records.length === count ? freeStart : previous,
    freeEnd: tableStart,
    notes,
  };
}

/** The key length field (u16 in HFS+ trees) and where the record's data starts (even-aligned). */
export function keyAndData(node: BTreeNode, record: { start: number; end: number }): { keyLength: number; dataStart: number } | undefined {
  if (record.start + 2 > record.end) return undefined;
  const keyLength = node.bytes.readUInt16BE(record.start);
  const dataStart = record.start + 2 + keyLength + (keyLength & 1);
  return dataStart <= record.end ? { keyLength, dataStart } : undefined;
}
