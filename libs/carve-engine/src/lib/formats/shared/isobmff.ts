import type { BoundedReader } from '../../bounded-reader.js';

/**
 * Boxes of the ISO base media file format (ISO/IEC 14496-12 §4.2), the container of MP4, MOV, 3GP,
 * HEIF/AVIF and CR3: a 32-bit size and a four-character type; size 1 means a 64-bit size follows,
 * size 0 means "up to the end of the file"; a 'uuid' box carries a 16-byte extended type.
 */
export interface Box {
  readonly type: string;
  readonly start: number;
  /** Where the payload starts (after size, type, 64-bit size and uuid). */
  readonly contentStart: number;
  /** start + size; for a size-0 box the end of the space it was read in (its real end is unknown). */
  readonly end: number;
  /** Size 0: the box claims to run to the end of the file. */
  readonly toEnd: boolean;
  /** The extended type of a 'uuid' box, lower-case hex. */
  readonly uuid?: string;
}

export type BoxRead = { kind: 'box'; box: Box } | { kind: 'out-of-data' } | { kind: 'invalid'; reason: string };

/** Children per box: real containers hold tens (an iPhone HEIC's ipco ~50); this stops hostile lists. */
export const MAX_CHILD_BOXES = 4096;
/** Walks only descend named paths (moov/trak/mdia/minf/stbl is the deepest), never as deep as the data says. */
export const MAX_BOX_DEPTH = 8;

/**
 * Reads the header of the box at `pos`, inside a space that ends at `limit` (the parent's end, or the
 * end of the data for top-level boxes). Sizes are checked against the header itself, not the limit.
 */
export async function readBox(reader: BoundedReader, pos: number, limit: number): Promise<BoxRead> {
  const head = await reader.bytes(pos, 8);
  if (head === null) return { kind: 'out-of-data' };
  const type = head.toString('latin1', 4, 8);
  let size = head.readUInt32BE(0);
  let headerSize = 8;
  if (size === 1) {
    const large = await reader.bytes(pos + 8, 8);
    if (large === null) return { kind: 'out-of-data' };
    const value = large.readBigUInt64BE(0);
    if (value > BigInt(Number.MAX_SAFE_INTEGER)) return { kind: 'invalid', reason: `${fourcc(type)} box at ${pos} claims ${value} bytes` };
    size = Number(value);
    headerSize = 16;
  } else if (size !== 0 && size < 8) {
    return { kind: 'invalid', reason: `${fourcc(type)} box at ${pos} has size ${size}` };
  }
  let uuid: string | undefined;
  if (type === 'uuid') {
    const ext = await reader.bytes(pos + headerSize, 16);
    if (ext === null) return { kind: 'out-of-data' };
    uuid = ext.toString('hex');
    headerSize += 16;
  }
  const toEnd = size === 0;
  const end = toEnd ? Math.max(limit, pos + headerSize) : pos + size;
  if (end < pos + headerSize) return { kind: 'invalid', reason: `${fourcc(type)} box at ${pos} has size ${size}, smaller than its header` };
  return { kind: 'box', box: { type, start: pos, contentStart: pos + headerSize, end, toEnd, ...(uuid ? { uuid } : {}) } };
}

export interface Children {
  readonly boxes: readonly Box[];
  /** Why the list stopped early (a bad child header, a child running past its parent, too many). */
  readonly problem?: string;
}

/**
 * The child boxes of a whole container, from `from` (after a full box's version and flags, say) to its
 * end. Fewer than 8 bytes left over are ignored (QuickTime ends some lists with a 32-bit zero).
 */
export async function readChildren(reader: BoundedReader, parent: Box, from = parent.contentStart): Promise<Children> {
  const boxes: Box[] = [];
  for (let pos = from; parent.end - pos >= 8; ) {
    if (boxes.length >= MAX_CHILD_BOXES) return { boxes, problem: `${fourcc(parent.type)} at ${parent.start} has more than ${MAX_CHILD_BOXES} children` };
    const read = await readBox(reader, pos, parent.end);
    if (read.kind === 'out-of-data') return { boxes, problem: `the data ends inside ${fourcc(parent.type)} at ${parent.start}` };
    if (read.kind === 'invalid') return { boxes, problem: read.reason };
    if (read.box.end > parent.end) {
      return { boxes, problem: `${fourcc(read.box.type)} box at ${pos} runs past the end of its parent ${fourcc(parent.type)}` };
    }
    boxes.push(read.box);
    pos = read.box.end;
  }
  return { boxes };
}

/** The first box of each type along `path` below `box` (e.g. trak → mdia/minf/stbl); undefined if one is missing. */
export async function descend(reader: BoundedReader, box: Box, path: readonly string[]): Promise<Box | undefined> {
  if (path.length > MAX_BOX_DEPTH) throw new RangeError(`box path ${path.join('/')} is deeper than ${MAX_BOX_DEPTH}`);
  let at: Box | undefined = box;
  for (const type of path) {
    at = (await readChildren(reader, at)).boxes.find((b) => b.type === type);
    if (!at) return undefined;
  }
  return at;
}

/** A box's payload in memory, or null when it is larger than `max` bytes (or not all there). */
export async function boxContent(reader: BoundedReader, box: Box, max: number): Promise<Buffer | null> {
  const length = box.end - box.contentStart;
  return length > max ? null : reader.bytes(box.contentStart, length);
}

/** A four-character code for messages: quoted when printable, hex otherwise. */
export function fourcc(type: string): string {
  return /^[\x20-\x7e\xa9]{4}$/.test(type) ? `'${type}'` : `0x${Buffer.from(type, 'latin1').toString('hex')}`;
}
