/**
 * What is known about each byte of a device, as GNU ddrescue's map file records it:
 * '?' non-tried, '*' failed non-trimmed, '/' failed non-scraped, '-' bad sector(s), '+' finished.
 */
export type BlockStatus = '?' | '*' | '/' | '-' | '+';

export const BLOCK_STATUSES: readonly BlockStatus[] = ['?', '*', '/', '-', '+'];

export interface MapBlock {
  readonly pos: number;
  readonly size: number;
  readonly status: BlockStatus;
}

/** Byte totals per status and the number of separate bad-sector blocks ("bad areas"). */
export interface MapTotals {
  readonly finished: number;
  readonly nonTried: number;
  readonly nonTrimmed: number;
  readonly nonScraped: number;
  readonly badSector: number;
  readonly badAreas: number;
}

/**
 * The blocks of a device: sorted, contiguous, covering [0, size), never two neighbours of the same
 * status (they are merged). `mark` keeps all of that true.
 */
export class RescueMap {
  #blocks: MapBlock[];

  /** A map of `size` bytes, all non-tried, or made of `blocks` (contiguous from 0, covering `size`). */
  constructor(
    readonly size: number,
    blocks?: readonly MapBlock[],
  ) {
    if (!Number.isSafeInteger(size) || size < 0) throw new RangeError(`a map cannot hold ${size} bytes`);
    if (!blocks) {
      this.#blocks = size === 0 ? [] : [{ pos: 0, size, status: '?' }];
      return;
    }
    let end = 0;
    for (const block of blocks) {
      if (block.pos !== end || !Number.isSafeInteger(block.size) || block.size <= 0) {
        throw new RangeError(`blocks must be contiguous from 0 with positive sizes; found [${block.pos}, +${block.size}) at ${end}`);
      }
      end += block.size;
    }
    if (end !== size) throw new RangeError(`blocks cover ${end} bytes, not ${size}`);
    this.#blocks = merge(blocks);
  }

  get blocks(): readonly MapBlock[] {
    return this.#blocks;
  }

  /** Sets [pos, pos + size) to `status`, splitting and merging blocks as needed. */
  mark(pos: number, size: number, status: BlockStatus): void {
    const end = pos + size;
    if (!Number.isSafeInteger(pos) || !Number.isSafeInteger(size) || pos < 0 || size < 0 || end > this.size) {
      throw new RangeError(`cannot mark [${pos}, ${end}) on a map of ${this.size} bytes`);
    }
    if (size === 0) return;
    const first = this.indexAt(pos);
    const last = this.indexAt(end - 1);
    const head = this.#blocks[first] as MapBlock;
    const tail = this.#blocks[last] as MapBlock;
    const pieces: MapBlock[] = [];
    if (head.pos < pos) pieces.push({ pos: head.pos, size: pos - head.pos, status: head.status });
    pieces.push({ pos, size, status });
    const tailEnd = tail.pos + tail.size;
    if (tailEnd > end) pieces.push({ pos: end, size: tailEnd - end, status: tail.status });
    // Take the neighbours in too, so equal statuses across the edges merge.
    const from = first > 0 ? first - 1 : first;
    const to = last < this.#blocks.length - 1 ? last + 1 : last;
    if (from < first) pieces.unshift(this.#blocks[from] as MapBlock);
    if (to > last) pieces.push(this.#blocks[to] as MapBlock);
    this.#blocks.splice(from, to - from + 1, ...merge(pieces));
  }

  /** Index of the block holding byte `pos` (0 <= pos < size). */
  indexAt(pos: number): number {
    let low = 0;
    let high = this.#blocks.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.#blocks[mid] as MapBlock).pos <= pos) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  /** The first stretch of `status` at or after `from`, clipped to start at `from`. */
  nextOf(status: BlockStatus, from: number): MapBlock | undefined {
    if (from >= this.size) return undefined;
    for (let i = this.indexAt(Math.max(0, from)); i < this.#blocks.length; i++) {
      const block = this.#blocks[i] as MapBlock;
      if (block.status !== status) continue;
      const pos = Math.max(block.pos, from);
      return { pos, size: block.pos + block.size - pos, status };
    }
    return undefined;
  }

  /** The last stretch of `status` ending at or before `before`, clipped to end at `before`. */
  previousOf(status: BlockStatus, before: number): MapBlock | undefined {
    if (before <= 0) return undefined;
    for (let i = this.indexAt(Math.min(before, this.size) - 1); i >= 0; i--) {
      const block = this.#blocks[i] as MapBlock;
      if (block.status !== status) continue;
      const end = Math.min(block.pos + block.size, before);
      return { pos: block.pos, size: end - block.pos, status };
    }
    return undefined;
  }

  /** The status of byte `pos`, or undefined outside the device. */
  statusAt(pos: number): BlockStatus | undefined {
    if (pos < 0 || pos >= this.size) return undefined;
    return (this.#blocks[this.indexAt(pos)] as MapBlock).status;
  }

  totals(): MapTotals {
    const sum: Record<BlockStatus, number> = { '?': 0, '*': 0, '/': 0, '-': 0, '+': 0 };
    let badAreas = 0;
    for (const block of this.#blocks) {
      sum[block.status] += block.size;
      if (block.status === '-') badAreas++;
    }
    return { finished: sum['+'], nonTried: sum['?'], nonTrimmed: sum['*'], nonScraped: sum['/'], badSector: sum['-'], badAreas };
  }
}

function merge(pieces: readonly MapBlock[]): MapBlock[] {
  const out: MapBlock[] = [];
  for (const piece of pieces) {
    const previous = out[out.length - 1];
    if (previous && previous.status === piece.status) {
      out[out.length - 1] = { pos: previous.pos, size: previous.size + piece.size, status: piece.status };
    } else {
      out.push(piece);
    }
  }
  return out;
}
